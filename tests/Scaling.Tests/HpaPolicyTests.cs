using Microsoft.Extensions.Time.Testing;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling.Tests;

public class HpaPolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScalingMemory _memory = new();

    private HpaPolicy Policy(double target = 70) => new(new HpaOptions { TargetCpuPercent = target }, _time);

    [Theory]
    [InlineData(2, 90, 70, 3)]   // ceil(2 × 90 / 70) = ceil(2.57)
    [InlineData(4, 35, 70, 2)]   // ceil(4 × 0.5)
    [InlineData(1, 100, 90, 2)]  // ratio 1.11 is outside the 0.1 tolerance
    [InlineData(3, 50, 90, 2)]   // ceil(3 × 0.556) = ceil(1.67)
    public void DesiredIsCeilOfCurrentTimesCpuOverTarget(int current, double cpu, double target, int expected) =>
        Assert.Equal(expected, Policy(target).Recommend(Signals.Of(cpu: cpu, ready: current), _memory));

    [Theory]
    [InlineData(75)]
    [InlineData(64)]
    public void WithinToleranceKeepsCurrent(double cpu) =>
        Assert.Equal(3, Policy().Recommend(Signals.Of(cpu: cpu, ready: 3), _memory));

    [Fact]
    public void NameCarriesTheTarget() => Assert.Equal("hpa90", Policy(90).Name);

    [Fact]
    public void StartingReplicasCountAsIdleSoAScaleUpIsNotRepeated()
    {
        // 1 ready at 100 % and 1 starting: mean 50 %, ceil(2 × 50 / 70) = 2, not another replica.
        Assert.Equal(2, Policy().Recommend(Signals.Of(cpu: 100, ready: 1, starting: 1), _memory));
    }

    [Fact]
    public void ScaleUpIsLimitedToDoubleOrFourMore()
    {
        Assert.Equal(5, Policy(10).Recommend(Signals.Of(cpu: 100, ready: 1), _memory));
        Assert.Equal(16, Policy(10).Recommend(Signals.Of(cpu: 100, ready: 8), new ScalingMemory()));
    }

    [Fact]
    public void ScaleDownWaitsForTheStabilisationWindow()
    {
        var policy = Policy();
        Assert.Equal(4, policy.Recommend(Signals.Of(cpu: 140, ready: 2), _memory));

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(4, policy.Recommend(Signals.Of(cpu: 10, ready: 4), _memory));

        _time.Advance(TimeSpan.FromSeconds(239));
        Assert.Equal(4, policy.Recommend(Signals.Of(cpu: 10, ready: 4), _memory));

        // 300 s after the high recommendation it leaves the window; the highest left is ceil(4 × 10 / 70) = 1.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, policy.Recommend(Signals.Of(cpu: 10, ready: 4), _memory));
    }

    [Fact]
    public void ScaleUpIsImmediateDespiteTheWindow()
    {
        var policy = Policy();
        Assert.Equal(1, policy.Recommend(Signals.Of(cpu: 20, ready: 2), _memory));
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(3, policy.Recommend(Signals.Of(cpu: 100, ready: 2), _memory));
    }
}
