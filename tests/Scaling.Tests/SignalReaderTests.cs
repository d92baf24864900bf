using OrleansServe.Scaling;


namespace OrleansServe.Scaling.Tests;

public class SignalReaderTests
{
    private static ServerView Server(string id, int queue, long requests, double ewmaMs, double cpu, int cores, int workers = 1, double p99Ms = 0)
    {
        var silo = id[..id.IndexOf('/')];
        var stats = new Dictionary<string, ModelStats> { ["A"] = new(requests, 0, 0, ewmaMs, p99Ms) };
        var report = new ServerLoadReport(id, silo, "x", ["A"], queue, 0, 0, cpu, 100, cores, stats, false, DateTime.UtcNow, Workers: workers);
        return new ServerView(id, silo, "x", report, true, null);
    }

    [Fact]
    public void RateIsServedPlusQueueGrowthAndCpuIsPerReplica()
    {
        var reader = new SignalReader();
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        reader.Read(ClusterLoad.From([Server("a/0", 10, 40, 20, 50, 2)]), 0, 8, t0);
        var signals = reader.Read(ClusterLoad.From([Server("a/0", 30, 40, 30, 50, 2), Server("b/0", 0, 10, 10, 25, 2)]), 1, 8, t0.AddSeconds(2));

        Assert.Equal(50 + ((30 - 10) / 2.0), signals.ArrivalRate);            // served 50/s + queue growing 10/s
        Assert.Equal(((40 * 30) + (10 * 10)) / 50.0, signals.ServiceMs);      // request-weighted EWMA
        Assert.Equal(30, signals.QueueLength);
        Assert.Equal((1.0 + 0.5) / 2 * 100, signals.CpuPercent);             // 1 + 0.5 busy cores over 2 replicas
        Assert.Equal(2, signals.ReadyReplicas);
        Assert.Equal(3, signals.CurrentReplicas);
    }

    [Fact]
    public void TwoServersOfOneSiloCountTheirOwnQueuesAndCpuIsTheBusyShareOfTheirWorkers()
    {
        // Silo a: 2 cores, two servers of one worker each, 3 and 1 queued, 1.5 cores busy; silo b: one server of 2 workers, 1 core busy.
        var load = ClusterLoad.From([Server("a/0", 3, 0, 20, 75, 2), Server("a/1", 1, 0, 20, 75, 2), Server("b/0", 0, 0, 20, 50, 2, workers: 2)]);

        var signals = new SignalReader().Read(load, 0, 8, DateTime.UtcNow);

        Assert.Equal(4, signals.QueueLength);
        Assert.Equal(3, signals.ReadyReplicas);
        Assert.Equal((1.5 + 1.0) / (2 + 2) * 100, signals.CpuPercent, 6);
    }

    [Fact]
    public void TheObservedP99IsTheHighestOfTheServersThatServedLately()
    {
        // b/0 served nothing in the last period: its p99 (from older requests) is not what the replicas do now.
        var load = ClusterLoad.From([Server("a/0", 0, 40, 20, 50, 2, p99Ms: 80), Server("a/1", 0, 10, 20, 50, 2, p99Ms: 120), Server("b/0", 0, 0, 20, 0, 2, p99Ms: 900)]);

        var signals = new SignalReader().Read(load, 0, 8, DateTime.UtcNow);

        Assert.Equal(120, signals.ObservedP99Ms);
        Assert.True(signals.ServiceScv < 0, "reports carry no service-time variance: the policy's default applies");
    }
}
