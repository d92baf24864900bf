using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Tests;

public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(0.5, 50)]
    [InlineData(0.9, 90)]
    [InlineData(0.99, 99)]
    [InlineData(0.999, 100)]
    [InlineData(1.0, 100)]
    [InlineData(0.0, 1)]
    [InlineData(0.001, 1)]
    public void NearestRankPicksAnObservedValue(double p, double expected)
    {
        Assert.Equal(expected, Percentiles.NearestRank(OneToHundred, p));
    }

    [Fact]
    public void SmallSamples()
    {
        Assert.Equal(7, Percentiles.NearestRank([7], 0.99));
        Assert.Equal(2, Percentiles.NearestRank([1, 2, 3], 0.5));
        Assert.Null(Percentiles.OrNull([], 0.5));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 0.5));
    }
}
