using System.Text.Json.Nodes;

namespace OrleansServe.Deployment.Tests;

/// <summary>
/// Prometheus' own checker accepts prometheus.yml and the alert rules, runs the rules' unit tests, and parses every
/// dashboard query (as recording rules, with Grafana's <c>$__rate_interval</c> replaced by a duration). Skipped where promtool is not installed (a failure with
/// <c>CI=true</c>); the other tests check names, this one checks PromQL syntax.
/// </summary>
public sealed class PromtoolTests
{
    [SkippableFact]
    public void PrometheusConfigIsValid()
    {
        var promtool = Promtool();
        DockerfileTests.Run(promtool, "check config deploy/prometheus/prometheus.yml", RepoPaths.Root);
    }

    [SkippableFact]
    public void AlertRulesAreValid()
    {
        var promtool = Promtool();
        DockerfileTests.Run(promtool, "check rules deploy/prometheus/alerts.yml", RepoPaths.Root);
    }

    /// <summary>Each alert fires on made-up series that break its condition for its <c>for:</c>, and not before.</summary>
    [SkippableFact]
    public void AlertRulesPassTheirUnitTests()
    {
        var promtool = Promtool();
        DockerfileTests.Run(promtool, "test rules alerts.test.yml", RepoPaths.Of("deploy/prometheus"));
    }

    [SkippableFact]
    public void DashboardQueriesParse()
    {
        var promtool = Promtool();
        var dashboard = JsonNode.Parse(RepoPaths.Read(GrafanaTests.DashboardFile))!;
        var rules = (dashboard["panels"]?.AsArray() ?? [])
            .SelectMany(p => p!["targets"]?.AsArray() ?? [])
            .Select((t, i) => $"      - record: dashboard:query{i}\n        expr: '{((string)t!["expr"]!).Replace("$__rate_interval", "1m").Replace("'", "''")}'");
        var file = Path.Combine(Path.GetTempPath(), $"orleansserve-dashboard-{Guid.NewGuid():N}.rules.yml");
        File.WriteAllText(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Join("\n", rules) + "\n");
        try
        {
            DockerfileTests.Run(promtool, $"check rules {file}", RepoPaths.Root);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>promtool's path; skips the test (fails it with <c>CI=true</c>) where it is not installed.</summary>
    private static string Promtool() => Prerequisites.Tool("promtool", "apt-get install -y --no-install-recommends prometheus");
}
