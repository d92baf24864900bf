using System.Globalization;
using OrleansServe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// <c>LoadTester run</c> (its build output, as a user runs it) against the real gateway in front of two real silo
/// processes: what summary.json and requests.csv say is checked against what the gateway's /metrics counted, what each
/// silo's engine counted, and the CPU the silo processes used.
/// </summary>
[Collection(LoadTesterClusterCollection.Name)]
public class LoadTesterRunTests(RedisClusterFixture cluster, ITestOutputHelper output)
{
    private const string InferRoute = "/v2/models/{model}/infer";

    // 20 s of a workload that rises and falls: 100 requests, light enough that a shared 2-core machine answers all.
    private static readonly int[] Rates = [2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 4, 5, 6, 6, 5, 4, 3, 2];

    [SkippableTheory]
    [InlineData("tokens")]
    [InlineData("v2")]
    public async Task Run_CountsTimingsAndCpu_MatchTheGatewayAndTheSilos(string style)
    {
        cluster.Require();
        var servers = await HealthyServersAsync();
        var dir = Directory.CreateTempSubdirectory("loadtester-real-");
        try
        {
            var workload = Path.Combine(dir.FullName, "workload.txt");
            await File.WriteAllTextAsync(workload, "# requests per second, one a second\n" + string.Join(' ', Rates) + "\n");
            var outDir = Path.Combine(dir.FullName, "out");

            var gatewayBefore = await GatewayInferCountsAsync();
            var enginesBefore = await EngineOkCountsAsync();
            // The account is the silos' own CPU time as of their last reports: wait until it has caught up with what the silo
            // processes had used at the start, so that the tool's first read cannot count CPU spent before this window.
            var processesBefore = SiloProcessCpu();
            await Eventually.ValueAsync(async () => (await ClusterCpuAsync()).CoreSeconds >= processesBefore ? "ok" : null,
                TimeSpan.FromSeconds(30), $"the CPU account to reach the {processesBefore:0.00} core-s the silo processes had used");
            var accountBefore = await ClusterCpuAsync();
            // Tokens: the default mix (A=70,B=10,C=10,D=10), up to 100 tokens (D: 100 ms of CPU), so that a machine shared
            // with other builds still answers each within the tool's 30 s timeout. v2: the repository's two photos, resnet18.
            string[] byStyle = style == "v2" ? ["--images", RepoPaths.TestImages] : ["--tokens", "10-100"];
            string[] args = ["run", "--url", cluster.GatewayUri.ToString().TrimEnd('/'), "--workload", workload, "--style", style,
                "--arrivals", "uniform", "--out", outDir, "--no-progress", .. byStyle];
            using var tool = ManagedProcess.Start("LoadTester", "dotnet", [RepoPaths.BuiltDll("LoadTester", "tools"), .. args]);
            var exit = await tool.ExitCodeAsync(TimeSpan.FromMinutes(3));
            var processesAfter = SiloProcessCpu();
            var accountAfter = await ClusterCpuAsync();
            var gateway = Delta(await GatewayInferCountsAsync(), gatewayBefore);
            var engines = Delta(await EngineOkCountsAsync(), enginesBefore);
            Assert.True(exit == 0, $"LoadTester exited with {exit}\n{tool.Output()}");

            var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")))!.AsObject();
            var rows = RequestRows(await File.ReadAllLinesAsync(Path.Combine(outDir, "requests.csv")));
            output.WriteLine($"{style}: summary count {summary["count"]}, servers {summary["servers"]!.ToJsonString()}, " +
                $"cluster {summary["cluster"]?.ToJsonString()}; gateway counted {string.Join(", ", gateway)}; engines {string.Join(", ", engines)}; " +
                $"account {accountAfter.CoreSeconds - accountBefore.CoreSeconds:0.00} core-s, silo processes {processesAfter - processesBefore:0.00} core-s");
            if (rows.Where(r => r.Status != "200").ToList() is { Count: > 0 } failed)
            {
                output.WriteLine($"failed:\n{string.Join("\n", failed)}\n{cluster.Diagnostics()}");
            }

            // Every scheduled request was sent and answered 200, and the gateway counted each, plus the tool's one unrecorded
            // primer: answered (200), or given up after its 5 s on a busy machine while a cold silo warmed up (499).
            var count = summary["count"]!.GetValue<int>();
            Assert.Equal(Rates.Sum(), count);
            Assert.Equal(count, rows.Count);
            Assert.Equal(1.0, summary["successRate"]!.GetValue<double>());
            var byStatus = gateway.GroupBy(g => g.Key.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
            Assert.Equal(count + 1, byStatus.Values.Sum());
            Assert.Equal(count + 1, byStatus.GetValueOrDefault("200") + byStatus.GetValueOrDefault("499"));
            Assert.InRange(byStatus.GetValueOrDefault("499"), 0, 1);
            var byModel = rows.GroupBy(r => r.Model).ToDictionary(g => g.Key, g => (double)g.Count());
            var gatewayByModel = gateway.GroupBy(g => g.Key.Model).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
            Assert.Equal(byModel.Keys.Order(), gatewayByModel.Keys.Order());
            Assert.All(byModel, m => Assert.InRange(gatewayByModel[m.Key] - m.Value, 0, 1)); // the primer went to one model

            // Per-server counts name the real servers, and each is what that server's silo finished (the primer at most one more).
            var perServer = summary["servers"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<int>());
            Assert.Equal(count, perServer.Values.Sum());
            Assert.Subset(servers.ToHashSet(), perServer.Keys.ToHashSet());
            Assert.InRange(engines.Values.Sum(), count, count + 1);
            Assert.All(engines, e => Assert.InRange(e.Value - perServer.GetValueOrDefault($"{e.Key}/0"), 0, 1));
            Assert.Equal(perServer.Keys.Order(), rows.Select(r => r.Server).Distinct().Order());

            // Timings come from each real response: the server's queue and compute time fit inside the latency the tool measured.
            Assert.All(rows, r => Assert.True(r.InferenceMs > 0 && r.QueueMs >= 0 && r.QueueMs + r.InferenceMs <= r.LatencyMs,
                $"{r.Model} on {r.Server}: queue {r.QueueMs} + inference {r.InferenceMs} ms, latency {r.LatencyMs} ms"));
            Assert.True(summary["timings"]!["meanInferenceMs"]!.GetValue<double>() > 0);

            // cluster.coreSeconds is the silos' own CPU: within what the gateway's account moved around the tool's two reads,
            // at most what the two silo processes used meanwhile (the account had caught up with them at the start), and a
            // large part of it (at the end the account lags their reports by a second or two).
            var coreSeconds = summary["cluster"]!["coreSeconds"]!.GetValue<double>();
            var account = accountAfter.CoreSeconds - accountBefore.CoreSeconds;
            var processes = processesAfter - processesBefore;
            Assert.Equal(2, accountAfter.Silos);
            Assert.True(coreSeconds > 0 && coreSeconds <= account + 1e-6, $"cluster.coreSeconds {coreSeconds}, the account moved {account}");
            Assert.True(coreSeconds >= 0.5 * processes && coreSeconds <= processes + 1e-6,
                $"cluster.coreSeconds {coreSeconds}, the silo processes used {processes:0.000} core-seconds");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<List<string>> HealthyServersAsync() => await Eventually.ValueAsync(async () =>
    {
        var list = await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers");
        var healthy = list!.Where(s => s!["healthy"]!.GetValue<bool>()).Select(s => s!["serverId"]!.GetValue<string>()).ToList();
        return healthy.Count == 2 ? healthy : null;
    }, TimeSpan.FromSeconds(60), "a healthy model server on each silo");

    private async Task<Dictionary<(string Model, string Status), double>> GatewayInferCountsAsync() =>
        PrometheusText.Samples(await cluster.Client.GetStringAsync("/metrics"), "orleansserve_gateway_requests")
            .Where(s => s.Labels.GetValueOrDefault("route") == InferRoute)
            .GroupBy(s => (s.Labels["model"], s.Labels["status"]))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    // Requests each silo's engine finished well, by silo name (one model server a silo here).
    private async Task<Dictionary<string, double>> EngineOkCountsAsync()
    {
        var counts = new Dictionary<string, double>();
        foreach (var (silo, uri) in cluster.SiloHttp)
        {
            var text = await cluster.Client.GetStringAsync(new Uri(uri, "/metrics"));
            counts[silo] = PrometheusText.Samples(text, "orleansserve_engine_requests").Where(s => s.Labels.GetValueOrDefault("outcome") == "ok").Sum(s => s.Value);
        }
        return counts;
    }

    private async Task<(double CoreSeconds, int Silos)> ClusterCpuAsync()
    {
        var cpu = await cluster.Client.GetFromJsonAsync<JsonObject>("/api/cluster/cpu");
        return (cpu!["coreSeconds"]!.GetValue<double>(), cpu["silos"]!.GetValue<int>());
    }

    private double SiloProcessCpu() =>
        cluster.Silos.Sum(s => System.Diagnostics.Process.GetProcessById(s.Process.Id).TotalProcessorTime.TotalSeconds);

    private static Dictionary<TKey, double> Delta<TKey>(Dictionary<TKey, double> after, Dictionary<TKey, double> before) where TKey : notnull =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Value != 0).ToDictionary(d => d.Key, d => d.Value);

    private static List<Row> RequestRows(string[] csv)
    {
        var header = csv[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidOperationException($"no {name} in {csv[0]}");
        var (model, server, latency, queue, inference) = (Column("model"), Column("server"), Column("latencyMs"), Column("queueMs"), Column("inferenceMs"));
        var (scheduled, status, error) = (Column("scheduledMs"), Column("status"), Column("error"));
        return csv.Skip(1).Select(line => line.Split(','))
            .Select(f => new Row(f[model], f[server], Number(f[scheduled]), f[status], f[error], Number(f[latency]), Number(f[queue]), Number(f[inference]))).ToList();
    }

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    private sealed record Row(string Model, string Server, double ScheduledMs, string Status, string Error, double LatencyMs, double QueueMs, double InferenceMs);
}

/// <summary>A process cluster of its own for the load tester's runs, away from the tests that kill its silos.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTesterClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "loadtester-cluster";
}
