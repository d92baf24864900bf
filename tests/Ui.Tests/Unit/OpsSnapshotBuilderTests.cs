using OrleansServe.Gateway.Ui;

namespace OrleansServe.Ui.Tests.Unit;

public sealed class OpsSnapshotBuilderTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc);
    private static readonly SiloMember[] Members = [new("silo-1", "127.0.0.1:11111@1", "Active"), new("silo-2", "127.0.0.1:11112@1", "Active")];
    private static readonly Dictionary<string, CircuitState> NoCircuits = [];

    [Fact]
    public void RequestsPerSecondIsTheCountOfTheLastFiveSecondsOfReportsOverTheTimeTheyCover()
    {
        var builder = new OpsSnapshotBuilder();
        builder.Build(T0, [Server("silo-1/0", T0, ("A", 10, 0))], NoCircuits, Members, null, null, null);

        var frame = builder.Build(T0.AddSeconds(2.1), [Server("silo-1/0", T0.AddSeconds(2), ("A", 32, 4))], NoCircuits, Members, null, null, null);

        Assert.Equal(14, frame.Models["A"].RequestsPerSecond); // (10 + 32) / (1 + 2) s
        Assert.Equal(1.33, frame.Models["A"].ErrorsPerSecond);
        Assert.Equal(42, frame.Models["A"].TotalRequests);
        Assert.Equal(4, frame.Models["A"].TotalErrors);
        Assert.Equal(14, frame.Point.Models["A"].R);

        var later = builder.Build(T0.AddSeconds(8.1), [Server("silo-1/0", T0.AddSeconds(8), ("A", 0, 0))], NoCircuits, Members, null, null, null);

        Assert.Equal(0, later.Models["A"].RequestsPerSecond); // older reports left the window
    }

    [Fact]
    public void ASameReportSeenTwiceCountsOnce()
    {
        var builder = new OpsSnapshotBuilder();
        var view = Server("silo-1/0", T0, ("A", 10, 0));
        builder.Build(T0, [view], NoCircuits, Members, null, null, null);

        var frame = builder.Build(T0.AddSeconds(0.5), [view], NoCircuits, Members, null, null, null);

        Assert.Equal(10, frame.Models["A"].TotalRequests);
        Assert.Equal(10, frame.Models["A"].RequestsPerSecond);
    }

    [Fact]
    public void ASilentServerReadsZeroAndHasNoLatency()
    {
        var builder = new OpsSnapshotBuilder();

        var frame = builder.Build(T0.AddSeconds(5), [Server("silo-1/0", T0, ("A", 10, 0))], NoCircuits, Members, null, null, null);

        Assert.Equal(0, frame.Models["A"].RequestsPerSecond);
        Assert.Null(frame.Models["A"].P99Ms);
        Assert.Equal(5.0, frame.Silos[0].Servers[0].ReportAgeSeconds);
    }

    [Fact]
    public void ServersGroupUnderTheirSilosWithCircuitsAndClusterWideFigures()
    {
        var builder = new OpsSnapshotBuilder();
        var circuits = new Dictionary<string, CircuitState> { ["silo-2/0"] = CircuitState.Open };

        var frame = builder.Build(T0, [Server("silo-1/0", T0, ("A", 10, 0)), Server("silo-2/0", T0, ("A", 30, 0)), Server("silo-2/1", T0)],
            circuits, Members, null, null, null);

        Assert.Equal(["silo-1", "silo-2"], frame.Silos.Select(s => s.Name));
        Assert.Equal(["silo-2/0", "silo-2/1"], frame.Silos[1].Servers.Select(s => s.ServerId));
        Assert.Equal("Open", frame.Silos[1].Servers[0].Circuit);
        Assert.Equal(40, frame.Models["A"].RequestsPerSecond);
        Assert.Equal(3, frame.Models["A"].Replicas);
        Assert.Equal(3, frame.Point.Replicas);
        Assert.Equal(2, frame.Point.Silos);
        Assert.Equal(8, frame.Models["A"].P99Ms); // the highest p99 among servers that served A
    }

    [Fact]
    public void ADeadSiloWithoutServersIsLeftOut()
    {
        var builder = new OpsSnapshotBuilder();
        SiloMember[] members = [new("silo-1", "a", "Active"), new("silo-9", "b", "Dead")];

        var frame = builder.Build(T0, [Server("silo-1/0", T0)], NoCircuits, members, null, null, "registry slow");

        Assert.Equal(["silo-1"], frame.Silos.Select(s => s.Name));
        Assert.Equal("registry slow", frame.RegistryProblem);
    }

    [Fact]
    public void ChartPointCarriesCpuAndMemoryPerSiloThatReports()
    {
        var builder = new OpsSnapshotBuilder();

        var frame = builder.Build(T0, [Server("silo-2/0", T0, ("A", 1, 0))], NoCircuits, Members, null, null, null);

        // silo-2's server reports 10 % and 500 MB; silo-1 hosts no server (a Redis-mode gateway): no point, not a zero.
        Assert.Equal(new Dictionary<string, double> { ["silo-2"] = 10 }, frame.Point.Cpu);
        Assert.Equal(new Dictionary<string, double> { ["silo-2"] = 500 }, frame.Point.Mem);
    }

    private static ServerView Server(string id, DateTime reportedUtc, params (string Model, long Requests, long Errors)[] stats)
    {
        var silo = id[..id.IndexOf('/', StringComparison.Ordinal)];
        var perModel = stats.ToDictionary(s => s.Model, s => new ModelStats(s.Requests, s.Errors, 0, 2.5, s.Requests > 20 ? 8 : 5));
        var report = new ServerLoadReport(id, silo, "127.0.0.1", ["A", "B"], 0, 0, 0, 10, 500, 2, perModel, false, reportedUtc);
        return new ServerView(id, silo, "127.0.0.1", report, true, null);
    }
}
