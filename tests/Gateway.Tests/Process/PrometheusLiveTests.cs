using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using OrleansServe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// The project's Prometheus config and alerts, and its Grafana dashboard, against real processes: Debian's prometheus
/// scrapes a gateway and two silos (Redis mode) every second; under load every dashboard query returns data through
/// Prometheus's HTTP API, and each alert of deploy/prometheus/alerts.yml fires when its condition is provoked (its
/// <c>for:</c> cut to seconds): 5xx from requests whose deadline cannot be met, p99 and a full queue from a flood of
/// slow requests on small queues, a circuit open and a silo down from a busy silo that hangs and is then killed.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusLiveTests(ITestOutputHelper output)
{
    private const string Dashboard = "deploy/grafana/dashboards/orleansserve.json";
    private static readonly TimeSpan AlertWait = TimeSpan.FromSeconds(120);

    /// <summary>What each alert needs: the set must match alerts.yml, so a new alert gets provoked here too.</summary>
    private static readonly string[] Alerts =
    [
        "OrleansServeErrorRate", "OrleansServeLatencyP99OverObjective", "OrleansServeQueueNearBound", "OrleansServeSiloDown", "OrleansServeCircuitOpen",
    ];

    [SkippableFact]
    public async Task DashboardQueriesReturnData_AndEveryAlertFiresWhenProvoked()
    {
        var binary = Prerequisites.Tool("prometheus", "apt-get install -y --no-install-recommends prometheus");
        var cluster = new RedisClusterFixture
        {
            // Small queues and one worker a silo, so a few slow requests fill them; models A, C, D only (no ONNX load).
            SiloSettings = Settings(("Engine__MaxQueue", "5"), ("Engine__Workers", "1")),
            // One failed call opens a circuit; the scaler runs (its metrics are on the dashboard) but cannot change the
            // two replicas.
            GatewaySettings = Settings(("Router__FailureThreshold", "1"), ("Scaling__Enabled", "true"), ("Scaling__Launcher", "none"),
                ("Scaling__MinReplicas", "2"), ("Scaling__MaxReplicas", "2"), ("Scaling__MaxReplicasPerSilo", "1")),
        };
        cluster.Require();
        await cluster.InitializeAsync();
        PrometheusServer? prometheus = null;
        try
        {
            prometheus = await PrometheusServer.StartAsync(binary, new Dictionary<string, IReadOnlyList<Uri>>
            {
                ["gateway"] = [cluster.GatewayUri],
                ["silo"] = [.. cluster.SiloHttp.Values],
            });
            Assert.Equal(Alerts.Order(), prometheus.Alerts.Order());
            await RunAsync(cluster, prometheus);
        }
        catch (Exception)
        {
            output.WriteLine(prometheus?.Output() ?? "prometheus did not start");
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
        finally
        {
            prometheus?.Dispose();
            await cluster.DisposeAsync();
        }
    }

    private async Task RunAsync(RedisClusterFixture cluster, PrometheusServer prometheus)
    {
        var clock = Stopwatch.StartNew();
        await Eventually.ValueAsync(async () => (await prometheus.QueryAsync("up == 1")).Count == 3 ? "up" : null, TimeSpan.FromSeconds(60),
            "prometheus to scrape the gateway and both silos");
        await Eventually.ValueAsync(async () =>
            (await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers"))!.Count(s => s!["healthy"]!.GetValue<bool>()) == 2 ? "ok" : null,
            TimeSpan.FromSeconds(60), "a healthy model server on each silo");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: cluster scraped");

        // 5xx: model D needs 50 ms + 1 ms a token; 1000 tokens cannot finish within a 100 ms deadline (504), beside
        // answered requests on model A and client errors (404, 400), which do not count.
        await using (var load = new Load(cluster.Client))
        {
            load.Loop(3, () => Post("A", 10), TimeSpan.FromMilliseconds(50));
            load.Loop(2, () => Post("D", 1000, timeoutMs: 100), TimeSpan.FromMilliseconds(50));
            load.Loop(1, () => Post("no-such-model", 1), TimeSpan.FromMilliseconds(100));
            load.Loop(1, () => new HttpRequestMessage(HttpMethod.Post, "/v2/models/A/infer") { Content = Json("{") }, TimeSpan.FromMilliseconds(100));
            await WaitForAlertAsync(prometheus, "OrleansServeErrorRate");
            Assert.Contains(HttpStatusCode.GatewayTimeout, load.Statuses);
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: error rate fired");

        // A flood of 520 ms requests on model C: each silo runs one and queues five, the rest are shed (and retried
        // on the other server first), and waiting in a full queue puts C's p99 far over 500 ms.
        await using (var load = new Load(cluster.Client))
        {
            load.Loop(16, () => Post("C", 1000, timeoutMs: 60_000), TimeSpan.Zero);
            load.Loop(2, () => Post("A", 10), TimeSpan.FromMilliseconds(50));
            await WaitForAlertAsync(prometheus, "OrleansServeQueueNearBound");
            await WaitForAlertAsync(prometheus, "OrleansServeLatencyP99OverObjective");
            Assert.Contains(HttpStatusCode.OK, load.Statuses);
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: queue and p99 fired");

        await AssertEveryPanelQueryReturnsDataAsync(prometheus);
        Assert.DoesNotContain("OrleansServeSiloDown", await prometheus.FiredAlertsAsync());

        // A silo hangs (SIGSTOP) while its server works on model C: the gateway's probes of its calls go unanswered,
        // so the calls fail and open its server's circuit, while membership (5 s probes here) still counts the silo
        // in for many seconds. Then it is killed: its scrapes fail.
        var (victim, process) = cluster.Silos[1];
        await using (var load = new Load(cluster.Client))
        {
            load.Loop(6, () => Post("C", 1000, timeoutMs: 60_000), TimeSpan.Zero);
            await Eventually.ValueAsync(async () => (await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers"))!
                .Any(s => (string?)s!["silo"] == victim && s["inFlight"]!.GetValue<int>() > 0) ? "busy" : null,
                TimeSpan.FromSeconds(60), $"{victim}'s server to be running a request");
            Signal(process, "STOP");
            await WaitForAlertAsync(prometheus, "OrleansServeCircuitOpen");
            process.Kill();
            await WaitForAlertAsync(prometheus, "OrleansServeSiloDown");
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: circuit open and silo down fired");

        // Once membership declares the silo dead its server leaves the view, and its circuit leaves /metrics with it:
        // a breaker left behind would stay half-open, and the circuit alert firing, for ever.
        await Eventually.ValueAsync(async () => (await prometheus.QueryAsync($"orleansserve_circuit_state{{server=~\"{victim}/.*\"}}")).Count == 0 ? "gone" : null,
            TimeSpan.FromSeconds(90), $"the circuit of {victim}'s server to leave /metrics");
        Assert.Equal(Alerts.Order(), (await prometheus.FiredAlertsAsync()).Order());
    }

    /// <summary>Every query of every panel (Grafana's <c>$__rate_interval</c> as 5 minutes, the whole run) returns a number.</summary>
    private async Task AssertEveryPanelQueryReturnsDataAsync(PrometheusServer prometheus)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, Dashboard)))!;
        var queries = Panels(dashboard).SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => ((string)p["title"]!, (string)t!["expr"]!))).ToList();
        Assert.NotEmpty(queries);
        var empty = new List<string>();
        foreach (var (panel, expr) in queries)
        {
            var result = await prometheus.QueryAsync(expr.Replace("$__rate_interval", "5m"));
            var values = result.Select(r => double.Parse((string)r!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            output.WriteLine($"{panel}: {expr} = [{string.Join(", ", values)}]");
            if (!values.Any(double.IsFinite))
            {
                empty.Add($"{panel}: {expr} returned {result.ToJsonString()}");
            }
        }
        Assert.True(empty.Count == 0, $"Dashboard queries without data:\n  {string.Join("\n  ", empty)}");
    }

    private async Task WaitForAlertAsync(PrometheusServer prometheus, string alert)
    {
        try
        {
            await Eventually.ValueAsync(async () => (await prometheus.FiredAlertsAsync()).Contains(alert) ? alert : null, AlertWait, $"alert {alert} to fire");
        }
        catch (TimeoutException)
        {
            output.WriteLine(string.Join("\n", (await prometheus.QueryAsync("ALERTS")).Select(a => a!.ToJsonString())));
            throw;
        }
    }

    private static void Signal(ManagedProcess process, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString()]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static IEnumerable<JsonNode> Panels(JsonNode node) =>
        (node["panels"]?.AsArray() ?? []).SelectMany(p => new[] { p! }.Concat(Panels(p!)));

    private static HttpRequestMessage Post(string model, int tokens, int? timeoutMs = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/models/{model}/infer") { Content = Json($"{{\"tokens\": {tokens}}}") };
        if (timeoutMs is { } ms)
        {
            request.Headers.Add("X-Timeout-Ms", ms.ToString());
        }

        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        // Every process: only models A, C and D, and membership slow to declare a silo dead (about 15 s), so the
        // killed silo's server stays in the gateway's view while its circuit is open.
        var settings = new Dictionary<string, string> { ["Models__Load"] = "A,C,D", ["Cluster__ProbeTimeoutMs"] = "5000" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Client loops sending requests until disposed; a loop whose request was shed (429, 503) waits half a second.</summary>
    private sealed class Load(HttpClient client) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _loops = [];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int> _statuses = new();

        public IReadOnlyCollection<HttpStatusCode> Statuses => [.. _statuses.Keys];

        public void Loop(int clients, Func<HttpRequestMessage> request, TimeSpan pause)
        {
            for (var i = 0; i < clients; i++)
            {
                _loops.Add(Task.Run(async () =>
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        try
                        {
                            using var message = request();
                            using var response = await client.SendAsync(message, _stop.Token);
                            _statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                            var shed = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
                            await Task.Delay(shed ? TimeSpan.FromMilliseconds(500) : pause, _stop.Token);
                        }
                        catch (Exception) when (!_stop.IsCancellationRequested)
                        {
                            await Task.Delay(500); // a connection the killed silo's work was on, for one
                        }
                        catch (Exception)
                        {
                            // stopping
                        }
                    }
                }));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
            _stop.Dispose();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrometheusCollection
{
    public const string Name = "prometheus-live";
}
