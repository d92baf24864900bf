using OrleansServe.LoadTester.Scheduling;
using OrleansServe.LoadTester.Workloads;

namespace OrleansServe.LoadTester.Tests;

public sealed class ArrivalScheduleTests
{
    private static readonly Workload Shape = new([10, 0, 3, 25], "test");

    [Theory]
    [InlineData(ArrivalProcess.Poisson)]
    [InlineData(ArrivalProcess.Uniform)]
    public void EachSecondGetsItsRateSortedAndInsideTheSecond(ArrivalProcess process)
    {
        var offsets = ArrivalSchedule.Build(Shape, 1, process, seed: 7);

        Assert.Equal(38, offsets.Length);
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal([10, 0, 3, 25], Enumerable.Range(0, 4).Select(s => offsets.Count(o => o >= s && o < s + 1)));
    }

    [Fact]
    public void UniformArrivalsAreEvenlySpaced()
    {
        var offsets = ArrivalSchedule.Build(new Workload([4], "t"), 1, ArrivalProcess.Uniform, 1);

        Assert.Equal([0, 0.25, 0.5, 0.75], offsets);
    }

    [Fact]
    public void PoissonArrivalsDependOnlyOnTheSeed()
    {
        Assert.Equal(ArrivalSchedule.Build(Shape, 1, ArrivalProcess.Poisson, 3), ArrivalSchedule.Build(Shape, 1, ArrivalProcess.Poisson, 3));
        Assert.NotEqual(ArrivalSchedule.Build(Shape, 1, ArrivalProcess.Poisson, 3), ArrivalSchedule.Build(Shape, 1, ArrivalProcess.Poisson, 4));
    }

    [Fact]
    public void ScaleCarriesFractionsSoTheTotalIsKept()
    {
        // 7 × 0.3 = 2.1 per second: 2, 2, 2, 2, 2, 2, 2, 2, 2, 3 over ten seconds = 21.
        var counts = ArrivalSchedule.CountsPerSecond(Enumerable.Repeat(7.0, 10).ToArray(), 0.3);

        Assert.Equal(21, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 2, 3));
        Assert.Equal([0, 1, 0, 1], ArrivalSchedule.CountsPerSecond([0.5, 0.5, 0.5, 0.5], 1));
        Assert.Equal(10, ArrivalSchedule.CountsPerSecond(Enumerable.Repeat(0.1, 100).ToArray(), 1).Sum());
    }
}
