using YamlDotNet.RepresentationModel;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// Debian's <c>prometheus</c> on a free loopback port with its own storage in a temp folder, run on the project's
/// deploy/prometheus/prometheus.yml with three changes only: every job's targets are the given addresses (the silo
/// job's DNS discovery becomes a static list), scrapes and rule evaluations happen every second, and each alert's
/// <c>for:</c> is <see cref="AlertFor"/>, so an alert fires seconds after its condition holds. Killed, and its folder
/// removed, on dispose.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string AlertFor = "2s";

    private readonly string _folder;
    private readonly ManagedProcess _process;
    private readonly HttpClient _client;

    private PrometheusServer(string folder, ManagedProcess process, Uri uri, IReadOnlyList<string> alerts)
    {
        _folder = folder;
        _process = process;
        _client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        Alerts = alerts;
    }

    /// <summary>The names of the alerts in the rule files the config loads.</summary>
    public IReadOnlyList<string> Alerts { get; }

    /// <summary>Starts it on <paramref name="binary"/> with the targets of each job (by job name) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string binary, IReadOnlyDictionary<string, IReadOnlyList<Uri>> targets)
    {
        var folder = Directory.CreateTempSubdirectory("orleansserve-prometheus-").FullName;
        ManagedProcess? process = null;
        try
        {
            var (config, alerts) = WriteConfig(folder, targets);
            var uri = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
            process = ManagedProcess.Start("prometheus", binary,
            [
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address={uri.Authority}",
                "--storage.tsdb.retention.time=1h", "--log.level=warn",
            ]);
            var server = new PrometheusServer(folder, process, uri, alerts);
            await Eventually.ValueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("prometheus exited:\n" + process.Output());
                }

                using var ready = await server._client.GetAsync("/-/ready");
                return ready.IsSuccessStatusCode ? "ready" : null;
            }, TimeSpan.FromSeconds(60), "prometheus's /-/ready");
            return server;
        }
        catch
        {
            process?.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>The instant vector <paramref name="expr"/> evaluates to now; a query Prometheus refuses fails the test.</summary>
    public async Task<JsonArray> QueryAsync(string expr)
    {
        using var response = await _client.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expr)}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if ((string?)body["status"] != "success")
        {
            throw new Xunit.Sdk.XunitException($"Prometheus refused '{expr}': {body["error"]}");
        }

        return body["data"]!["result"]!.AsArray();
    }

    /// <summary>The alerts that were firing at some evaluation of the last 15 minutes, by name.</summary>
    public async Task<IReadOnlySet<string>> FiredAlertsAsync() =>
        (await QueryAsync("""max by (alertname) (max_over_time(ALERTS{alertstate="firing"}[15m]))"""))
            .Select(r => (string)r!["metric"]!["alertname"]!).ToHashSet();

    public string Output() => _process.Output();

    /// <summary>The project's config with the targets, intervals and rule files changed as the summary says.</summary>
    private static (string Path, List<string> Alerts) WriteConfig(string folder, IReadOnlyDictionary<string, IReadOnlyList<Uri>> targets)
    {
        var names = new List<string>();
        var config = Load("deploy/prometheus/prometheus.yml");
        var global = (YamlMappingNode)config.Children[new YamlScalarNode("global")];
        global.Children[new YamlScalarNode("scrape_interval")] = new YamlScalarNode("1s");
        global.Children[new YamlScalarNode("evaluation_interval")] = new YamlScalarNode("1s");
        foreach (var job in ((YamlSequenceNode)config.Children[new YamlScalarNode("scrape_configs")]).Cast<YamlMappingNode>())
        {
            var name = job.Children[new YamlScalarNode("job_name")].ToString();
            if (!targets.TryGetValue(name, out var addresses))
            {
                throw new InvalidOperationException($"prometheus.yml has a job '{name}' this test starts nothing for.");
            }

            job.Children.Remove(new YamlScalarNode("dns_sd_configs"));
            job.Children[new YamlScalarNode("static_configs")] = new YamlSequenceNode(new YamlMappingNode(
                new YamlScalarNode("targets"), new YamlSequenceNode(addresses.Select(a => new YamlScalarNode(a.Authority)))));
        }
        foreach (var file in ((YamlSequenceNode)config.Children[new YamlScalarNode("rule_files")]).Select(f => f.ToString()))
        {
            var rules = Load($"deploy/prometheus/{file}");
            var alerts = ((YamlSequenceNode)rules.Children[new YamlScalarNode("groups")]).Cast<YamlMappingNode>()
                .SelectMany(g => ((YamlSequenceNode)g.Children[new YamlScalarNode("rules")]).Cast<YamlMappingNode>())
                .Where(r => r.Children.ContainsKey(new YamlScalarNode("alert")));
            foreach (var alert in alerts)
            {
                alert.Children[new YamlScalarNode("for")] = new YamlScalarNode(AlertFor);
                names.Add(alert.Children[new YamlScalarNode("alert")].ToString());
            }
            Save(rules, Path.Combine(folder, file));
        }
        var path = Path.Combine(folder, "prometheus.yml");
        Save(config, path);
        return (path, names);
    }

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, relative))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static void Save(YamlMappingNode root, string path)
    {
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
    }

    public void Dispose()
    {
        _client.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is going away; the temp folder is cleaned up by the system.
        }
    }
}
