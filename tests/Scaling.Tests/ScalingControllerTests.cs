using Microsoft.Extensions.Time.Testing;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling.Tests;

public class ScalingControllerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private SloPolicy Slo() => new(new SloOptions(), 500, TimeSpan.FromSeconds(1), _time);

    [Fact]
    public void APinnedCountOverridesThePolicyWithinBounds()
    {
        var controller = new ScalingController(1, 4, _time);
        var outcome = controller.Evaluate(Slo(), Signals.Of(rate: 500, ready: 2), new ScalingMemory(), pinned: 3);
        // The policy wants 18 (13.3 for the rate, more for the backlog of the cold start); the pin says 3.
        Assert.Equal(new ScalingOutcome(18, 3, ScalingDirection.Up), outcome);
    }

    [Fact]
    public void TheTargetIsClampedToMinAndMax()
    {
        var controller = new ScalingController(2, 4, _time);
        Assert.Equal(4, controller.Evaluate(Slo(), Signals.Of(rate: 500, ready: 2), new ScalingMemory())!.Target);
        Assert.Equal(2, controller.Evaluate(Slo(), Signals.Of(rate: 0, ready: 2), new ScalingMemory())!.Target);
    }

    [Fact]
    public void AChangeIsRememberedForCooldowns()
    {
        var memory = new ScalingMemory();
        new ScalingController(1, 6, _time).Evaluate(Slo(), Signals.Of(rate: 100, ready: 1), memory);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, memory.LastScaleUtc);
    }

    [Theory]
    [InlineData("slo", "slo")]
    [InlineData("queue", "queue")]
    [InlineData("hpa", "hpa70")]
    [InlineData("hpa90", "hpa90")]
    [InlineData(" HPA70 ", "hpa70")]
    public void PoliciesAreFoundByName(string name, string expected) =>
        Assert.Equal(expected, PolicyFactory.Create(name, new ScalingOptions(), _time).Name);

    [Fact]
    public void AnUnknownPolicyIsRejectedByNameAndAtStart()
    {
        Assert.Throws<ArgumentException>(() => PolicyFactory.Create("magic", new ScalingOptions(), _time));
        Assert.Contains(new ScalingOptions { Policy = "magic" }.Validate(), e => e.Contains("Scaling:Policy"));
    }
}
