using OrleansServe.Hosting;


namespace OrleansServe.Deployment.Tests;

/// <summary>docker-compose.yml has what the silos and the gateway need, wired the way the code reads it.</summary>
public sealed class ComposeTests
{
    [Theory]
    [InlineData("redis")]
    [InlineData("silo")]
    [InlineData("gateway")]
    [InlineData("prometheus")]
    [InlineData("grafana")]
    [InlineData("jaeger")]
    public void ServiceIsDefined(string service) => Assert.True(Compose.Service(service).Exists);

    [Fact]
    public void RedisHasAHealthcheckAndANamedVolume()
    {
        var redis = Compose.Service("redis");
        Assert.True(redis["healthcheck"]["test"].Exists, "redis needs a healthcheck: silos wait for service_healthy.");
        var volume = redis["volumes"].Items.Select(v => v.RequiredText.Split(':')[0]).Single();
        Assert.True(Compose.Root["volumes"].Entries.Any(e => e.Key == volume), $"volume '{volume}' is not declared at the top level.");
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void ClusterMembersWaitForHealthyRedis(string service) =>
        Assert.Equal("service_healthy", Compose.Service(service)["depends_on"]["redis"]["condition"].Text);

    [Fact]
    public void SilosCanBeScaled()
    {
        var silo = Compose.Service("silo");
        Assert.False(silo["ports"].Exists, "a scaled silo service must not publish fixed host ports");
        Assert.False(silo["container_name"].Exists, "a fixed container_name prevents --scale");
        var environment = Compose.Environment("silo");
        // Each replica's own address and name come from the image's entrypoint (DockerfileTests checks it).
        Assert.DoesNotContain("Silo__Address", environment.Keys);
        Assert.DoesNotContain("Silo__Name", environment.Keys);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void ClusterMembersUseRedisMembershipOfTheRedisService(string service)
    {
        var environment = Compose.Environment(service);
        Assert.Equal(nameof(ClusterMode.Redis), environment["Cluster__Mode"]);
        var redis = environment["Cluster__Redis"]!.Split(':');
        Assert.True(Compose.Service(redis[0]).Exists);
        Assert.Equal("6379", redis[1]);
    }

    [Fact]
    public void SilosAndGatewayJoinTheSameCluster()
    {
        var silo = Compose.Environment("silo");
        var gateway = Compose.Environment("gateway");
        foreach (var key in new[] { "Cluster__ClusterId", "Cluster__ServiceId", "Cluster__Redis" })
        {
            Assert.Equal(silo.GetValueOrDefault(key), gateway.GetValueOrDefault(key));
        }
    }

    [Fact]
    public void GatewayPublishesThePortItListensOn()
    {
        var environment = Compose.Environment("gateway");
        var port = new Uri(environment["Urls"]!).Port;
        var published = Compose.Service("gateway")["ports"].Items.Select(p => p.RequiredText.Split(':')).ToList();
        Assert.Contains(published, p => p[^1] == port.ToString());
        Assert.Equal("0", environment["Silo__Servers"]);
        Assert.StartsWith("http://0.0.0.0:", environment["Urls"]);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void EnvironmentKeysBindToOptionsTheCodeReads(string service) =>
        Assert.Empty(OptionSections.Check(Compose.Environment(service), $"docker-compose.yml {service}"));

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void ImageIsBuiltFromAnExistingDockerfileTarget(string service)
    {
        var build = Compose.Service(service)["build"];
        var dockerfile = build["dockerfile"].RequiredText;
        Assert.Equal(".", build["context"].Text);
        Assert.True(File.Exists(RepoPaths.Of(dockerfile)), dockerfile);
        Assert.Equal(service, Dockerfile.Load(dockerfile)[build["target"].RequiredText].Name);
    }

    [Fact]
    public void TheScalerReachesTheDockerEngineAndScalesTheSiloService()
    {
        var gateway = Compose.Service("gateway");
        Assert.Contains(gateway["volumes"].Items, v => v.RequiredText.StartsWith("/var/run/docker.sock:/var/run/docker.sock", StringComparison.Ordinal));
        var environment = Compose.Environment("gateway");
        Assert.Equal("docker", environment["Scaling__Launcher"]);
        Assert.True(Compose.Service(environment["Scaling__Docker__Service"]!).Exists);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void ClusterMembersSendTracesToTheCollector(string service)
    {
        // "${OTEL_EXPORTER_OTLP_ENDPOINT-http://jaeger:4317}": the default when the variable is unset.
        var endpoint = Compose.Environment(service)[Hosting.Tracing.TracingOptions.OtlpEndpointKey]!;
        var collector = new Uri(endpoint[endpoint.IndexOf("http", StringComparison.Ordinal)..].TrimEnd('}'));
        Assert.Contains(collector.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Compose.Service(collector.Host)["expose"].Items.Select(e => e.RequiredText));
    }

    [Fact]
    public void ScriptsUseTheProjectNameTheScalerLooksFor()
    {
        var project = Compose.Environment("gateway")["Scaling__Docker__Project"];
        Assert.Contains($"COMPOSE_PROJECT_NAME:-{project}}}", RepoPaths.Read("scripts/compose.sh"));
    }

    [Fact]
    public void BindMountedFilesExist()
    {
        foreach (var (name, service) in Compose.Root["services"].Entries)
        {
            foreach (var volume in service["volumes"].Items.Select(v => v.RequiredText))
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    Assert.True(Path.Exists(RepoPaths.Of(source[2..])), $"{name}: {source} does not exist.");
                }
            }
        }
    }
}
