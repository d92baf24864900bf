using OrleansServe.LoadTester.Analysis;
using OrleansServe.LoadTester.Running;

namespace OrleansServe.LoadTester.Tests;

public sealed class SummaryBuilderTests
{
    private static RequestRecord Record(double scheduledMs, double latencyMs, int status = 200, string? server = "s1",
        double queueMs = double.NaN, double inferenceMs = double.NaN, string? error = null, double lagMs = 0) => new()
    {
        ScheduledMs = scheduledMs,
        SentMs = scheduledMs + lagMs,
        LatencyMs = latencyMs,
        Status = status,
        Server = status == 200 ? server : null,
        QueueMs = queueMs,
        InferenceMs = inferenceMs,
        Error = error,
    };

    private static RunInfo Info(int scheduled, double? sloMs = null) => new()
    {
        Url = "http://127.0.0.1:1",
        Style = "v2",
        Mode = "open",
        Arrivals = "uniform",
        Workload = "test",
        DurationS = 2,
        Scheduled = scheduled,
        OfferedPerSecond = [scheduled / 2, scheduled - scheduled / 2],
        SloMs = sloMs,
    };

    [Fact]
    public void CountsRatesPercentilesAndErrors()
    {
        var records = Enumerable.Range(0, 100).Select(i => Record(i * 20, i + 1)).ToList();
        records[10] = Record(200, 11, status: 503);
        records[20] = Record(400, 21, status: 0, error: "timeout");
        records[30] = Record(600, 31, status: 503);

        var s = SummaryBuilder.Build(records, Info(100, sloMs: 50));

        Assert.Equal(100, s.Count);
        Assert.Equal(50, s.OfferedRate);
        Assert.Equal(0.97, s.SuccessRate, 6);
        Assert.Equal(new Dictionary<string, int> { ["503"] = 2, ["timeout"] = 1 }, s.ErrorsByStatus);
        Assert.Equal(50, s.P50Ms);
        Assert.Equal(90, s.P90Ms);
        Assert.Equal(95, s.P95Ms);
        Assert.Equal(99, s.P99Ms);
        Assert.Equal(100, s.MaxMs);
        // Elapsed runs to the last response: scheduled at 1980 ms, answered 100 ms later.
        Assert.Equal(2.08, s.ElapsedS, 6);
        Assert.Equal(97 / 2.08, s.Throughput, 6);
        // 2xx within 50 ms: latencies 1..50 minus the 503 (11) and the timeout (21) and… 31 → 47.
        Assert.Equal(0.47, s.SloAttainment!.Value, 6);
        Assert.Equal(97, s.Servers["s1"]);
    }

    [Fact]
    public void PerSecondGroupsLatencyByScheduledSecondAndRateByCompletion()
    {
        var records = new[] { Record(100, 50), Record(900, 300), Record(1500, 10, status: 500) };

        var s = SummaryBuilder.Build(records, Info(3, sloMs: 100));

        Assert.Equal(2, s.PerSecond.Count);
        Assert.Equal(300, s.PerSecond[0].P99Ms);
        Assert.Equal(0.5, s.PerSecond[0].SloAttainment);
        Assert.Equal(1, s.PerSecond[0].Achieved);
        Assert.Equal(2, s.PerSecond[1].Achieved);
        Assert.Equal(1, s.PerSecond[1].Ok);
        Assert.Equal(1, s.PerSecond[1].Errors);
        Assert.Equal(1, s.PerSecond[0].Offered);
    }

    [Fact]
    public void LateSendsUseTheThreshold()
    {
        var records = new[] { Record(0, 10, lagMs: 1), Record(10, 10, lagMs: 6), Record(20, 10, lagMs: 40) };

        var s = SummaryBuilder.Build(records, Info(3));

        Assert.Equal(2, s.LateSends);
        Assert.Equal(40, s.MaxSendLagMs);
    }

    [Fact]
    public void TimingsSplitQueueFromInference()
    {
        var records = new[] { Record(0, 30, queueMs: 5, inferenceMs: 20), Record(10, 50, queueMs: 15, inferenceMs: 20), Record(20, 10) };

        var t = SummaryBuilder.Build(records, Info(3)).Timings!;

        Assert.Equal(2, t.Count);
        Assert.Equal(10, t.MeanQueueMs);
        Assert.Equal(20, t.MeanInferenceMs);
        Assert.Equal(10, t.MeanOtherMs);
    }

    [Fact]
    public void NoRecordsGiveAnEmptyButValidSummary()
    {
        var s = SummaryBuilder.Build([], Info(0));

        Assert.Equal(0, s.Count);
        Assert.Null(s.P99Ms);
        Assert.Null(s.Timings);
        Assert.Empty(s.LatencyQuantiles);
    }
}
