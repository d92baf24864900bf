using Microsoft.Extensions.Time.Testing;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling.Tests;

public class QueuePolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScalingMemory _memory = new();

    private QueuePolicy Policy() => new(new QueuePolicyOptions(), _time);

    [Theory]
    [InlineData(1, 0, 1)]      // empty queue: the floor
    [InlineData(1, 50, 1)]     // exactly on target
    [InlineData(1, 51, 2)]     // ceil(1 × 51 / 50)
    [InlineData(2, 240, 5)]    // 120 per replica: ceil(2 × 120 / 50)
    [InlineData(3, 30, 1)]     // 10 per replica: ceil(3 × 10 / 50)
    public void DesiredIsCeilOfCurrentTimesQueuePerReplicaOverFifty(int replicas, double queue, int expected) =>
        Assert.Equal(expected, Policy().Recommend(Signals.Of(queue: queue, ready: replicas), _memory));

    [Fact]
    public void NothingChangesWithinTheCooldown()
    {
        var controller = new ScalingController(1, 6, _time);
        var policy = Policy();
        Assert.Equal(ScalingDirection.Up, controller.Evaluate(policy, Signals.Of(queue: 200, ready: 1), _memory)!.Direction);

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, controller.Evaluate(policy, Signals.Of(queue: 0, ready: 1), _memory)!.Target);

        _time.Advance(TimeSpan.FromSeconds(135)); // 150 s after the change
        Assert.Equal(1, controller.Evaluate(policy, Signals.Of(queue: 0, ready: 4), _memory)!.Target);
    }

    [Fact]
    public void TheControllerBoundsItToOneToSix()
    {
        var outcome = new ScalingController(1, 6, _time).Evaluate(Policy(), Signals.Of(queue: 5000, ready: 2), _memory);
        Assert.Equal(100, outcome!.Recommended); // 2500 per replica: ceil(2 × 2500 / 50)
        Assert.Equal(6, outcome.Target);
    }

    [Fact]
    public void ItRunsOnlyEveryFifteenSeconds()
    {
        var controller = new ScalingController(1, 6, _time);
        Assert.NotNull(controller.Evaluate(Policy(), Signals.Of(), _memory));
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.Null(controller.Evaluate(Policy(), Signals.Of(queue: 500), _memory));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(controller.Evaluate(Policy(), Signals.Of(queue: 500), _memory));
    }
}
