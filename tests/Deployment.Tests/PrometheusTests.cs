using OrleansServe.Grains;


namespace OrleansServe.Deployment.Tests;

/// <summary>Prometheus scrapes the ports the gateway and the silos serve /metrics on; Grafana reads that Prometheus.</summary>
public sealed class PrometheusTests
{
    private static readonly YamlNode Config = YamlNode.Load("deploy/prometheus/prometheus.yml");

    private static YamlNode Job(string name) =>
        Config["scrape_configs"].Items.SingleOrDefault(j => j["job_name"].Text == name)
        ?? throw new Xunit.Sdk.XunitException($"prometheus.yml has no job '{name}'.");

    [Fact]
    public void GatewayJobScrapesTheGatewayPort()
    {
        var target = Job("gateway")["static_configs"].Items.Single()["targets"].Items.Single().RequiredText.Split(':');
        Assert.True(Compose.Service(target[0]).Exists);
        Assert.Equal(new Uri(Compose.Environment("gateway")["Urls"]!).Port.ToString(), target[1]);
        Assert.Equal("/metrics", Job("gateway")["metrics_path"].Text);
    }

    [Fact]
    public void SiloJobFindsEveryReplicaOfTheSiloServiceByDns()
    {
        var discovery = Job("silo")["dns_sd_configs"].Items.Single();
        Assert.Equal(["silo"], discovery["names"].Items.Select(n => n.RequiredText));
        Assert.Equal("A", discovery["type"].Text);
        var httpPort = Compose.Environment("silo").GetValueOrDefault("Silo__HttpPort") ?? new SiloSettings().HttpPort.ToString();
        Assert.Equal(httpPort, discovery["port"].Text);
        Assert.Equal("/metrics", Job("silo")["metrics_path"].Text);
    }

    [Fact]
    public void ComposeMountsEveryRuleFileBesideTheConfig()
    {
        var mounts = Compose.Service("prometheus")["volumes"].Items.Select(v => v.RequiredText.Split(':'))
            .Where(v => v[0].StartsWith("./", StringComparison.Ordinal)).ToDictionary(v => v[0][2..], v => v[1]);
        var config = mounts["deploy/prometheus/prometheus.yml"];
        var ruleFiles = Config["rule_files"].Items.Select(r => r.RequiredText).ToList();
        Assert.NotEmpty(ruleFiles);
        foreach (var rules in ruleFiles)
        {
            var source = $"deploy/prometheus/{rules}";
            Assert.True(File.Exists(RepoPaths.Of(source)), $"{source} does not exist");
            Assert.True(mounts.TryGetValue(source, out var target), $"docker-compose.yml does not mount {source}");
            Assert.Equal($"{Path.GetDirectoryName(config)}/{rules}", target);
        }
    }

    [Fact]
    public void GrafanaDatasourcePointsAtThePrometheusService()
    {
        var datasource = YamlNode.Load("deploy/grafana/provisioning/datasources/prometheus.yml")["datasources"].Items.Single();
        var url = new Uri(datasource["url"].RequiredText);
        Assert.True(Compose.Service(url.Host).Exists);
        Assert.Contains(Compose.Service(url.Host)["ports"].Items, p => p.RequiredText.EndsWith($":{url.Port}", StringComparison.Ordinal));
    }
}
