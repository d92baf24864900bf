using OrleansServe.Gateway.Traffic;

namespace OrleansServe.Gateway.Tests.Unit;

public class TrafficPlanTests
{
    [Fact]
    public void HighA_SendsAboutSeventyPercentToA()
    {
        var plan = TrafficPlan.Build(TrafficPattern.HighA, 10_000, 100, seed: 1);
        var shareA = plan.Count(p => p.Model == "A") / 10_000.0;
        Assert.InRange(shareA, 0.67, 0.73);
        Assert.Equal(99_990, plan[^1].AtMs, 3);
    }

    [Fact]
    public void Equal_SpreadsEvenly()
    {
        var plan = TrafficPlan.Build(TrafficPattern.Equal, 8_000, 100, seed: 2);
        Assert.All(TrafficPlan.Models, m => Assert.InRange(plan.Count(p => p.Model == m) / 8_000.0, 0.22, 0.28));
    }

    [Fact]
    public void Burst_KeepsRoughlyTheAverageRate()
    {
        var plan = TrafficPlan.Build(TrafficPattern.Burst, 5_000, 100, seed: 3);
        var seconds = plan[^1].AtMs / 1000;
        Assert.InRange(5_000 / seconds, 70, 140);
        Assert.True(plan.Zip(plan.Skip(1)).All(p => p.Second.AtMs >= p.First.AtMs));
    }
}
