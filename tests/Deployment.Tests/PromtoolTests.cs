using System.Text.Json.Nodes;

namespace OrleansServe.Deployment.Tests;

/// <summary>
/// Prometheus' own checker accepts prometheus.yml and parses every dashboard query (as recording rules, with
/// Grafana's <c>$__rate_interval</c> replaced by a duration). Runs where promtool is installed
/// (<c>apt-get install prometheus</c>); the other tests check names, this one checks PromQL syntax.
/// </summary>
public sealed class PromtoolTests
{
    private static readonly string? Promtool = ComposeConfigTests.FindOnPath("promtool");

    [Fact]
    public void PrometheusConfigIsValid()
    {
        if (Promtool is null)
        {
            return;
        }
        DockerfileTests.Run(Promtool, "check config --syntax-only deploy/prometheus/prometheus.yml", RepoPaths.Root);
    }

    [Fact]
    public void DashboardQueriesParse()
    {
        if (Promtool is null)
        {
            return;
        }
        var dashboard = JsonNode.Parse(RepoPaths.Read(GrafanaTests.DashboardFile))!;
        var rules = (dashboard["panels"]?.AsArray() ?? [])
            .SelectMany(p => p!["targets"]?.AsArray() ?? [])
            .Select((t, i) => $"      - record: dashboard:query{i}\n        expr: '{((string)t!["expr"]!).Replace("$__rate_interval", "1m").Replace("'", "''")}'");
        var file = Path.Combine(Path.GetTempPath(), $"orleansserve-dashboard-{Guid.NewGuid():N}.rules.yml");
        File.WriteAllText(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Join("\n", rules) + "\n");
        try
        {
            DockerfileTests.Run(Promtool, $"check rules {file}", RepoPaths.Root);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
