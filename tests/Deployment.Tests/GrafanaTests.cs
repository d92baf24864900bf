using System.Text.Json.Nodes;

namespace OrleansServe.Deployment.Tests;

/// <summary>The Grafana dashboard queries metrics the code exports, through the provisioned datasource.</summary>
[Collection(GatewayHostCollection.Name)]
public sealed class GrafanaTests(GatewayHost gateway)
{
    public const string DashboardFile = "deploy/grafana/dashboards/orleansserve.json";

    /// <summary>Series Prometheus itself adds to every scrape target.</summary>
    private static readonly string[] PrometheusSeries = ["up", "scrape_duration_seconds", "scrape_samples_scraped"];

    private static readonly JsonNode Dashboard = JsonNode.Parse(RepoPaths.Read(DashboardFile))!;

    private static IEnumerable<JsonNode> Panels(JsonNode node) =>
        (node["panels"]?.AsArray() ?? []).SelectMany(p => new[] { p! }.Concat(Panels(p!)));

    private static IEnumerable<(string Panel, string Expr)> Queries() =>
        Panels(Dashboard).SelectMany(p => (p["targets"]?.AsArray() ?? [])
            .Select(t => ((string)p["title"]!, (string?)t!["expr"] ?? "")));

    [Fact]
    public void EveryQueryUsesMetricsTheCodeExports()
    {
        var known = Known().ToHashSet(StringComparer.Ordinal);
        var unknown = Queries()
            .SelectMany(q => PromQl.MetricNames(q.Expr).Where(n => !known.Contains(n)).Select(n => $"{q.Panel}: {n}"))
            .ToList();
        Assert.True(unknown.Count == 0,
            $"Queries use metrics nothing exports:\n  {string.Join("\n  ", unknown)}\n" +
            $"Exported:\n  {string.Join("\n  ", known.Where(k => k.StartsWith("orleansserve", StringComparison.Ordinal)).Order())}");
    }

    private IEnumerable<string> Known() => gateway.ExportedMetrics.Concat(DeclaredMetrics.Scan()).Concat(PrometheusSeries);

    [Fact]
    public void EveryPanelQueriesSomethingThroughTheProvisionedDatasource()
    {
        var datasource = YamlNode.Load("deploy/grafana/provisioning/datasources/prometheus.yml")["datasources"].Items.Single();
        foreach (var panel in Panels(Dashboard).Where(p => (string?)p["type"] != "row"))
        {
            var targets = panel["targets"]?.AsArray() ?? [];
            Assert.True(targets.Count > 0, $"panel '{panel["title"]}' has no query");
            Assert.Equal(datasource["uid"].Text, (string?)panel["datasource"]?["uid"]);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["expr"]), $"panel '{panel["title"]}' has an empty query"));
        }
    }

    [Fact]
    public void DashboardIsWhereTheProvisionerAndGrafanaLookForIt()
    {
        var provider = YamlNode.Load("deploy/grafana/provisioning/dashboards/orleansserve.yml")["providers"].Items.Single();
        var mount = Compose.Service("grafana")["volumes"].Items.Select(v => v.RequiredText.Split(':'))
            .Single(v => v[0] == "./deploy/grafana/dashboards");
        Assert.Equal(mount[1], provider["options"]["path"].Text);
        Assert.Equal($"{mount[1]}/{Path.GetFileName(DashboardFile)}",
            Compose.Environment("grafana")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]);
    }

    [Fact]
    public void PromQlNamesIgnoreFunctionsLabelsAndRanges() =>
        Assert.Equal(["a_bucket", "b"], PromQl.MetricNames(
            "histogram_quantile(0.99, sum by (le, model) (rate(a_bucket{job=\"x\", model=~\"$model\"}[$__rate_interval]))) / on(instance) group_left b").Order());
}
