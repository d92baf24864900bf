using OrleansServe.Grains.Routing;

namespace OrleansServe.Cluster.Tests;

public sealed class ServerScorerTests
{
    [Fact]
    public void ScoreGrowsWithReportedWaitAndOutstandingWork()
    {
        var idle = Report(expectedWaitMs: 0);
        var busy = Report(expectedWaitMs: 500);

        Assert.True(ServerScorer.Score(busy, "A", 1, 0) > ServerScorer.Score(idle, "A", 1, 0));
        Assert.True(ServerScorer.Score(idle, "A", 1, 10) > ServerScorer.Score(idle, "A", 1, 0));
    }

    [Fact]
    public void UsesTheModelsMeasuredTimeWhenKnown()
    {
        var report = Report(0, new Dictionary<string, ModelStats> { ["A"] = new(10, 0, 0, EwmaMs: 100, P99Ms: 0) });

        Assert.Equal(100.0 / 2, ServerScorer.Score(report, "A", 1, 0));
        Assert.Equal(ServerScorer.DefaultServiceMs / 2, ServerScorer.Score(report, "B", 1, 0));
    }

    [Fact]
    public void PrefersServersThatMeetTheDeadline()
    {
        var scored = new List<(string, double)> { ("slow", 900), ("fast", 50), ("late", 2000) };

        for (var seed = 0; seed < 50; seed++)
        {
            Assert.Equal("fast", ServerScorer.Pick(scored, remainingMs: 100, new Random(seed)));
        }
    }

    [Fact]
    public void PowerOfTwoChoicesNeverPicksTheWorstOfSeveral()
    {
        var scored = Enumerable.Range(0, 4).Select(i => ($"s{i}", (double)i * 100)).ToList();

        var picks = Enumerable.Range(0, 400).Select(seed => ServerScorer.Pick(scored, 10_000, new Random(seed))).ToList();

        Assert.DoesNotContain("s3", picks);
        Assert.True(picks.Distinct().Count() >= 2, "two choices should spread load, not always take the minimum");
    }

    private static ServerLoadReport Report(double expectedWaitMs, Dictionary<string, ModelStats>? perModel = null) =>
        new("s/0", "s", "addr", ["A", "B"], 0, 0, expectedWaitMs, 0, 0, Cores: 2, perModel ?? [], false, DateTime.UtcNow);
}
