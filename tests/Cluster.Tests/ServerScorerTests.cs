using OrleansServe.Grains.Routing;

namespace OrleansServe.Cluster.Tests;

public sealed class ServerScorerTests
{
    [Fact]
    public void ScoreGrowsWithReportedWaitAndOutstandingWork()
    {
        var idle = Report(expectedWaitMs: 0);
        var busy = Report(expectedWaitMs: 500);

        Assert.True(ServerScorer.Score(busy, "A", 1, 0, Now) > ServerScorer.Score(idle, "A", 1, 0, Now));
        Assert.True(ServerScorer.Score(idle, "A", 1, 10, Now) > ServerScorer.Score(idle, "A", 1, 0, Now));
    }

    [Fact]
    public void UsesTheModelsMeasuredTimeWhenKnown()
    {
        var report = Report(0, new Dictionary<string, ModelStats> { ["A"] = new(10, 0, 0, EwmaMs: 100, P99Ms: 0) });

        Assert.Equal(100.0 / 2, ServerScorer.Score(report, "A", 1, 0, Now));
        Assert.Equal(ServerScorer.DefaultServiceMs / 2, ServerScorer.Score(report, "B", 1, 0, Now));
    }

    [Fact]
    public void AServerNotYetMeasuredIsScoredAtTheTimeItIsGiven()
    {
        var reloaded = Report(0); // no measured time for A

        Assert.Equal(5.0 / 2, ServerScorer.Score(reloaded, "A", 1, 0, Now, unmeasuredMs: 5));
        Assert.Null(ServerScorer.MeasuredMs(reloaded, "A"));
    }

    [Fact]
    public void AQueueInBothTheReportAndTheInFlightCountIsCountedOnce()
    {
        // One replica each (20 ms a request): A reported the 15 requests this silo still has in flight there.
        var a = Report(expectedWaitMs: 300, workers: 1);
        var b = Report(expectedWaitMs: 0, workers: 1);

        Assert.True(ServerScorer.Score(a, "A", 1, 15, Now) < ServerScorer.Score(b, "A", 1, 16, Now)); // before: 620 against 340, and B got every request until it had 30 in flight
        Assert.True(ServerScorer.Score(a, "A", 1, 15, Now) > ServerScorer.Score(b, "A", 1, 14, Now));
    }

    [Fact]
    public void AReportedQueueDrainsWithTheReportsAge()
    {
        var fresh = Report(expectedWaitMs: 400, workers: 1);
        var old = fresh with { TimestampUtc = Now.AddMilliseconds(-300) };

        Assert.Equal(420, ServerScorer.Score(fresh, "A", 1, 0, Now));
        Assert.Equal(120, ServerScorer.Score(old, "A", 1, 0, Now));
        Assert.Equal(20, ServerScorer.Score(old with { TimestampUtc = Now.AddSeconds(-2) }, "A", 1, 0, Now));
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

    private static readonly DateTime Now = new(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>A server whose lane has <paramref name="workers"/> workers (on a silo of as many cores).</summary>
    private static ServerLoadReport Report(double expectedWaitMs, Dictionary<string, ModelStats>? perModel = null, int workers = 2) =>
        new("s/0", "s", "addr", ["A", "B"], 0, 0, expectedWaitMs, 0, 0, Cores: workers, perModel ?? [], false, Now, Workers: workers);
}
