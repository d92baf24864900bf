using Microsoft.Extensions.Time.Testing;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling.Tests;

public class SloPolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScalingMemory _memory = new();

    private SloPolicy Policy(SloOptions? options = null) => new(options ?? new SloOptions(), 500, TimeSpan.FromSeconds(1), _time);

    [Theory]
    [InlineData(10, 20, 1)]    // 0.2 cores / 0.75 = 0.27
    [InlineData(37, 20, 1)]    // 0.74 / 0.75 = 0.99
    [InlineData(38, 20, 2)]    // 0.76 / 0.75 = 1.01
    [InlineData(100, 20, 3)]   // 2 / 0.75 = 2.67
    [InlineData(100, 50, 7)]   // 5 / 0.75 = 6.67
    public void CapacityIsArrivalRateTimesServiceTimeOverUtilisation(double rate, double serviceMs, int expected) =>
        Assert.Equal(expected, Policy().Recommend(Signals.Of(rate: rate, serviceMs: serviceMs, ready: 1, startup: 0), _memory));

    [Fact]
    public void AQueueAddsWhatDrainsItWithinTheObjectiveAfterTheColdStart()
    {
        // No cold start: 100 queued must go within 0.25 s: (10 + 100 / 0.25) × 0.02 = 8.2 replicas.
        Assert.Equal(9, Policy().Recommend(Signals.Of(rate: 10, queue: 100, ready: 1, startup: 0), _memory));

        // 8 s cold start, 1 ready replica (50/s) under 60/s: the queue grows to 100 + 10 × 8 = 180 by then,
        // to drain within 8.25 s: (60 + 180 / 8.25) × 0.02 = 1.64 → 2, not the 9 that could not start in time.
        Assert.Equal(2, Policy().Recommend(Signals.Of(rate: 60, queue: 100, ready: 1, startup: 8), new ScalingMemory()));
    }

    [Fact]
    public void ScalesDownOnlyAfterTwiceTheColdStartAndOneAtATime()
    {
        var policy = Policy();
        Assert.Equal(4, policy.Recommend(Signals.Of(rate: 130, ready: 4, startup: 8), _memory));

        _time.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(4, policy.Recommend(Signals.Of(rate: 1, ready: 4, startup: 8), _memory));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, policy.Recommend(Signals.Of(rate: 1, ready: 4, startup: 8), _memory));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 1, ready: 3, startup: 8), _memory));
    }

    [Fact]
    public void ScalesInOnlyWhenTheReplicasLeftRunBelowTheScaleInUtilisation()
    {
        // Two replicas at 20 ms: 34/s would run one at 0.68, inside the band between 0.6 (in) and 0.75 (out).
        var policy = Policy();
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 34, ready: 2, startup: 0), _memory));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 34, ready: 2, startup: 0), _memory));

        // At 29/s (0.58 on one) it goes once the window has forgotten the higher rate.
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, policy.Recommend(Signals.Of(rate: 29, ready: 2, startup: 0), _memory));
    }

    [Fact]
    public void AConfiguredWindowOverridesTheColdStartOne()
    {
        var policy = Policy(new SloOptions { DownStabilizationSeconds = 60 });
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 50, ready: 1), _memory));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 0, ready: 2), _memory));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, policy.Recommend(Signals.Of(rate: 0, ready: 2), _memory));
    }

    [Fact]
    public void TheForecastAddsCapacityOneColdStartAheadOfARamp()
    {
        var withForecast = Policy(new SloOptions { Forecast = true });
        var without = Policy();
        var memoryWithout = new ScalingMemory();
        int a = 0, b = 0;
        for (var second = 0; second < 20; second++)
        {
            var signals = Signals.Of(rate: 2 * second, serviceMs: 50, ready: 1);
            a = withForecast.Recommend(signals, _memory);
            _memory.LastEvaluatedUtc = _time.GetUtcNow().UtcDateTime;
            b = without.Recommend(signals, memoryWithout);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        // At 38/s rising 2/s: without a forecast 38 × 0.05 / 0.75 = 2.53 → 3; with it, one cold start and a poll
        // ahead, about 38 + 2 × 9 = 56/s → 3.73 → 4, ready when the load gets there.
        Assert.Equal(3, b);
        Assert.Equal(4, a);
        Assert.InRange(_memory.RateTrend, 1.5, 2.5);
    }
}
