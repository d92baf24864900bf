using OrleansServe.ScalingSimulator.Simulation;

namespace OrleansServe.Scaling.Tests;

public class SimulatorTests
{
    private static SimulationSettings Settings(string policy, int seed = 7) => new()
    {
        Workload = [.. Enumerable.Repeat(5.0, 30), .. Enumerable.Repeat(80.0, 30), .. Enumerable.Repeat(5.0, 60)],
        Policy = policy,
        ServiceTime = ServiceTimeDistribution.LogNormal(20, 0.15),
        Seed = seed,
    };

    [Theory]
    [InlineData("slo")]
    [InlineData("hpa70")]
    [InlineData("queue")]
    public void TheSameSeedGivesTheSameRun(string policy)
    {
        var first = Simulator.Run(Settings(policy));
        var second = Simulator.Run(Settings(policy));
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Series.Replicas, second.Series.Replicas);
    }

    [Fact]
    public void AnotherSeedGivesAnotherRun() =>
        Assert.NotEqual(Simulator.Run(Settings("slo", 1)).Summary.P99Ms, Simulator.Run(Settings("slo", 2)).Summary.P99Ms);

    [Fact]
    public void EveryPolicyFacesTheSameRequests()
    {
        var counts = new[] { "slo", "hpa70", "hpa90", "queue" }.Select(p => Simulator.Run(Settings(p)).Summary.Requests).Distinct();
        Assert.Single(counts);
    }

    [Fact]
    public void OneFixedReplicaCostsOneCoreSecondPerSecond()
    {
        var summary = Simulator.Run(Settings("slo") with { MaxReplicas = 1 }).Summary;
        Assert.Equal(0, summary.ScaleEvents);
        Assert.InRange(summary.CoreSeconds, 120, 125);
    }

    [Fact]
    public void SloAddsCapacityForTheBurstAndGivesItBack()
    {
        var result = Simulator.Run(Settings("slo"));
        var hpa = Simulator.Run(Settings("hpa70"));
        Assert.InRange(result.Summary.PeakReplicas, 2, 4);          // 80/s × 20 ms = 1.6 replicas of work → 2 (+1 or 2 for the cold-start backlog)
        Assert.Equal(1, result.Series.Replicas[^1], precision: 3);  // back to one at the end
        // The 8 s cold start costs seconds of queueing either way; reacting within a second instead of a 15 s sync halves it.
        Assert.True(result.Summary.P99Ms < hpa.Summary.P99Ms / 2, $"slo p99 {result.Summary.P99Ms} ms, hpa70 {hpa.Summary.P99Ms} ms");
    }

    [Fact]
    public void AWarmSiloServesTheBurstSoonerAndCostsNoReplica()
    {
        var cold = Simulator.Run(Settings("slo") with { MaxReplicas = 2 }).Summary;
        var warm = Simulator.Run(Settings("slo") with { MaxReplicas = 2, WarmSilos = 1 }).Summary;
        // 80/s needs both replicas; the second is serving after half a second instead of eight.
        Assert.True(warm.P99Ms < cold.P99Ms / 2, $"warm p99 {warm.P99Ms} ms, cold {cold.P99Ms} ms");
        Assert.True(warm.CoreSeconds <= cold.CoreSeconds, $"warm {warm.CoreSeconds} core-s, cold {cold.CoreSeconds}");
        Assert.Equal(1, warm.WarmSilos);
    }

    [Fact]
    public void OldSignalsMakeTheScalerActLater()
    {
        static DateTime FirstScaleUp(SimulationResult run) => run.Decisions.First(d => d.Direction == ScalingDirection.Up).TimestampUtc;
        var present = Simulator.Run(Settings("slo"));
        var delayed = Simulator.Run(Settings("slo") with { SignalDelaySeconds = 2 });
        // The step to 80/s comes at 30 s: seen at the first poll after it today, two polls later with signals 2 s old.
        Assert.Equal(2, (FirstScaleUp(delayed) - FirstScaleUp(present)).TotalSeconds, precision: 6);
        Assert.True(delayed.Summary.P99Ms > present.Summary.P99Ms, $"delayed p99 {delayed.Summary.P99Ms} ms, present {present.Summary.P99Ms}");
    }

    [Fact]
    public void HpaReadingTheLastSecondAsTheRealScalerDoesSeesTheStepAtItsNextEvaluation()
    {
        static double FirstScaleUpS(SimulationResult run) =>
            (run.Decisions.First(d => d.Direction == ScalingDirection.Up).TimestampUtc - run.Decisions[0].TimestampUtc).TotalSeconds + 1;
        // Evaluations at 1, 16, 31, 46 s; the step to 80/s comes at 30 s. Averaged over 15 s, the evaluation at 31 s
        // still sees the quiet second half-minute; reading the last second (the real SignalReader) it sees the step.
        Assert.Equal(46, FirstScaleUpS(Simulator.Run(Settings("hpa70"))), precision: 6);
        Assert.Equal(31, FirstScaleUpS(Simulator.Run(Settings("hpa70") with { SignalWindowSeconds = 1 })), precision: 6);
    }

    [Fact]
    public void TheFirstPollSetsThePhaseOfHpasFifteenSecondCadence()
    {
        var atOne = Simulator.Run(Settings("hpa70")).Decisions;
        var phased = Simulator.Run(Settings("hpa70") with { FirstPollSeconds = 7.5 }).Decisions;
        Assert.Equal(6.5, (phased[0].TimestampUtc - atOne[0].TimestampUtc).TotalSeconds, precision: 6);
        Assert.All(phased.Zip(phased.Skip(1)), p => Assert.Equal(15, (p.Second.TimestampUtc - p.First.TimestampUtc).TotalSeconds, precision: 6));
    }

    [Fact]
    public void ARealRunsTimingsBecomeTheServiceTimesAndTheLatencyOutsideTheServer()
    {
        using var temp = new TempFolder("scaling-run-");
        var dir = temp.Path;
        // A load tester's requests.csv: only answered rows count; outside = latency - queue - inference.
        var csv = Path.Combine(dir, "requests.csv");
        File.WriteAllLines(csv, [
            "scheduledMs,model,status,latencyMs,queueMs,inferenceMs,server,error",
            "0,B,200,40,5,30,s/0,",
            "10,B,200,45,5,30,s/0,",
            "20,B,503,900,,,,overloaded",
        ]);
        var service = ServiceTimeDistribution.FromRun(csv, outsideServer: false);
        var outside = ServiceTimeDistribution.FromRun(csv, outsideServer: true);
        Assert.Equal(30, service.MeanMs, precision: 6);
        Assert.Equal(7.5, outside.MeanMs, precision: 6);

        // Replayed on the run's clock: a request draws from what was measured in its 5 s window, else from all.
        File.AppendAllLines(csv, ["6000,B,200,100,0,90,s/0,"]);
        var replayed = ServiceTimeDistribution.FromRun(csv, outsideServer: false);
        var random = new Random(1);
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(30, replayed.Sample(random, atSeconds: 4.9)));
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(90, replayed.Sample(random, atSeconds: 5.0)));
        Assert.Contains(90, Enumerable.Range(0, 50).Select(_ => replayed.Sample(random, atSeconds: 60)));

        var plain = Simulator.Run(Settings("slo") with { ServiceTime = service }).Summary;
        var withOutside = Simulator.Run(Settings("slo") with { ServiceTime = service, OutsideServer = outside }).Summary;
        // The time outside the server is added to each latency; the scaler (which sees servers' own times) decides alike.
        Assert.InRange(withOutside.P50Ms - plain.P50Ms, 5, 10);
        Assert.Equal(plain.CoreSeconds, withOutside.CoreSeconds);
    }

    [Fact]
    public void ARunKeptInTheRepositoryReplaysFromItsGzippedRequests()
    {
        using var temp = new TempFolder("scaling-kept-");
        var csv = Path.Combine(temp.Path, "requests.csv");
        File.WriteAllLines(csv, ["scheduledMs,status,latencyMs,queueMs,inferenceMs", "0,200,40,5,30", "6000,200,100,0,90"]);
        Assert.Equal(csv, ServiceTimeDistribution.RunRequestsFile(temp.Path));

        var kept = Path.Combine(temp.Path, "kept");
        Directory.CreateDirectory(kept);
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(kept, "requests.csv.gz")), System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(File.ReadAllBytes(csv));
        }

        var file = ServiceTimeDistribution.RunRequestsFile(kept);
        Assert.Equal(Path.Combine(kept, "requests.csv.gz"), file);
        var random = new Random(1);
        var replayed = ServiceTimeDistribution.FromRun(file!, outsideServer: false);
        Assert.Equal(60, replayed.MeanMs, precision: 6);
        Assert.Equal(90, replayed.Sample(random, atSeconds: 6));
        Assert.Equal(7.5, ServiceTimeDistribution.FromRun(file!, outsideServer: true).MeanMs, precision: 6);
        Assert.Null(ServiceTimeDistribution.RunRequestsFile(Path.Combine(kept, "none")));
    }

    [Fact]
    public void TheCommandLineScalesTheWorkload()
    {
        using var temp = new TempFolder("scaling-sim-");
        var dir = temp.Path;
        var workload = Path.Combine(dir, "w.txt");
        File.WriteAllText(workload, string.Join(' ', Enumerable.Repeat("10", 60)));
        int Requests(string scale)
        {
            Assert.Equal(0, SimulatorCommand.Run(["--workload", workload, "--policy", "slo", "--out", dir, "--scale", scale], new StringWriter()));
            return System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.GetProperty("requests").GetInt32();
        }

        Assert.InRange(Requests("2") / (double)Requests("1"), 1.7, 2.3);   // Poisson counts around 600 and 1200
    }

    [Fact]
    public void TheCommandLineWritesSummaryAndPlots()
    {
        using var temp = new TempFolder("scaling-sim-");
        var dir = temp.Path;
        var workload = Path.Combine(dir, "w.txt");
        File.WriteAllText(workload, string.Join(' ', Enumerable.Repeat("10", 40)));
        var output = new StringWriter();
        Assert.Equal(0, SimulatorCommand.Run(["--workload", workload, "--policy", "slo", "--out", dir, "--seed", "3"], output));

        var json = File.ReadAllText(Path.Combine(dir, "summary.json"));
        foreach (var key in new[] { "p50Ms", "p99Ms", "over500ms", "withinObjectivePercent", "coreSeconds", "scaleEvents" })
        {
            Assert.Contains($"\"{key}\"", json);
        }

        Assert.True(new FileInfo(Path.Combine(dir, "slo.png")).Length > 1000);
        Assert.Contains("p99", output.ToString());
    }

    [Fact]
    public void AttainmentIsTheShareOfRequestsWithinTheObjective()
    {
        // One replica under 80/s: seconds of queueing, so some requests miss 500 ms.
        var overloaded = Settings("slo") with { MaxReplicas = 1 };
        var at500 = Simulator.Run(overloaded).Summary;
        Assert.InRange(at500.Over500ms, 1, at500.Requests - 1);
        Assert.Equal(Math.Round(100.0 * (at500.Requests - at500.Over500ms) / at500.Requests, 2), at500.WithinObjectivePercent);

        Assert.Equal(100, Simulator.Run(overloaded with { P99TargetMs = 1e9 }).Summary.WithinObjectivePercent);
        Assert.Equal(0, Simulator.Run(overloaded with { P99TargetMs = 1 }).Summary.WithinObjectivePercent);    // every request takes ~20 ms
    }

    [Fact]
    public void TheCommittedLoadShapesAreTheGeneratedOnes()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansServe.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var shapes = LoadShapes.All(seed: 1);
        Assert.Equal(["diurnal", "flash-crowd", "noisy-flat", "sawtooth", "staircase-down"], shapes.Keys.Order());
        foreach (var (name, rates) in shapes)
        {
            var committed = WorkloadFile.Read(Path.Combine(root.FullName, "workloads", name + ".txt"));
            Assert.Equal(rates, committed);
            Assert.InRange(rates.Length, 180, 600);     // a few minutes each
        }
        Assert.Equal(LoadShapes.All(seed: 1)["noisy-flat"], shapes["noisy-flat"]);
        Assert.NotEqual(LoadShapes.All(seed: 2)["noisy-flat"], shapes["noisy-flat"]);
    }

    /// <summary>A folder under the system temp folder, deleted with what it holds when disposed.</summary>
    private sealed class TempFolder(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
