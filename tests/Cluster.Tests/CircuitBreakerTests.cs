using Microsoft.Extensions.Time.Testing;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Cluster.Tests;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() =>
        _breaker = new CircuitBreaker(new RouterOptions { FailureThreshold = 3, FailureWindowMs = 1000, OpenMs = 500 }, _time);

    [Fact]
    public void OpensAfterThresholdFailuresWithinTheWindow()
    {
        Fail(3);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryAcquire());
    }

    [Fact]
    public void FailuresOutsideTheWindowDoNotOpenIt()
    {
        Fail(2);
        _time.Advance(TimeSpan.FromMilliseconds(1001));
        Fail(1);

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void HalfOpensAfterTheCoolOffAndLetsOneProbeThrough()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        Assert.True(_breaker.TryAcquire());
        Assert.False(_breaker.TryAcquire());
    }

    [Fact]
    public void ProbeSuccessClosesAndProbeFailureReopens()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(_breaker.TryAcquire());
        _breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, _breaker.State);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(_breaker.TryAcquire());
        _breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryAcquire());
    }

    [Fact]
    public void AnAbandonedProbeFreesTheSlotWithoutJudgingTheServer()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(_breaker.TryAcquire());

        _breaker.RecordIgnored();

        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        Assert.True(_breaker.TryAcquire());
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _breaker.RecordFailure();
        }
    }
}
