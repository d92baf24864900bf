using OrleansServe.Grains;


namespace OrleansServe.Deployment.Tests;

/// <summary>Health checks and probes ask paths the apps serve, on the ports they listen on.</summary>
[Collection(GatewayHostCollection.Name)]
public sealed class EndpointTests(GatewayHost gateway)
{
    private static readonly Dockerfile Dockerfile = Support.Dockerfile.Load(DockerfileTests.Path);

    [Fact]
    public void SiloImageHealthCheckAsksTheSiloHealthEndpointOnItsHttpPort()
    {
        var environment = ImageEnvironment("silo");
        Assert.Contains(environment["HEALTH_PATH"], SiloRoutes.All);
        var httpPort = Compose.Environment("silo").GetValueOrDefault("Silo__HttpPort") ?? new SiloSettings().HttpPort.ToString();
        Assert.Equal(httpPort, environment["HEALTH_PORT"]);
        Assert.Equal(new SiloSettings().HttpPort.ToString(), environment["HEALTH_PORT"]);
    }

    [Fact]
    public void GatewayImageHealthCheckAsksAGatewayEndpointOnItsListeningPort()
    {
        var environment = ImageEnvironment("gateway");
        Assert.Contains(environment["HEALTH_PATH"], gateway.Routes);
        Assert.Equal(new Uri(environment["Urls"]).Port.ToString(), environment["HEALTH_PORT"]);
        Assert.Equal(new Uri(Compose.Environment("gateway")["Urls"]!).Port.ToString(), environment["HEALTH_PORT"]);
    }

    [Fact]
    public void MetricsAreServedWherePrometheusScrapes()
    {
        Assert.Contains("/metrics", gateway.Routes);
        Assert.Contains("/metrics", SiloRoutes.All);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/ui")]
    public void PagesTheGuideLinksAreServed(string page)
    {
        Assert.Contains(page, gateway.Routes.Select(r => r.TrimEnd('/')).Concat(gateway.Routes.Select(r => r.Split("/{")[0])));
        Assert.Contains($"http://localhost:8080{page}", RepoPaths.Read("docs/deployment.md"));
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void KubernetesHttpProbesAskServedPathsOnTheAppPort(string deployment)
    {
        var container = Kubernetes.Container(deployment);
        var environment = Kubernetes.Environment(container);
        var routes = deployment == "silo" ? SiloRoutes.All : gateway.Routes;
        var appPort = deployment == "silo"
            ? int.Parse(environment.GetValueOrDefault("Silo__HttpPort") ?? new SiloSettings().HttpPort.ToString())
            : new Uri(environment["Urls"]!).Port;
        var probes = new[] { "readinessProbe", "livenessProbe", "startupProbe" }.Select(p => container[p]).Where(p => p.Exists).ToList();
        Assert.Contains(probes, p => p["httpGet"].Exists);
        foreach (var probe in probes)
        {
            if (probe["httpGet"].Exists)
            {
                Assert.Contains(probe["httpGet"]["path"].RequiredText, routes);
                Assert.Equal(appPort, Kubernetes.ContainerPort(container, probe["httpGet"]["port"].Text));
            }
            else if (probe["tcpSocket"].Exists)
            {
                var port = Kubernetes.ContainerPort(container, probe["tcpSocket"]["port"].Text);
                Assert.Contains(port.ToString(), new[] { environment["Silo__SiloPort"], environment["Silo__GatewayPort"], appPort.ToString() });
            }
        }
        var annotations = Kubernetes.Get("Deployment", deployment)["spec"]["template"]["metadata"]["annotations"];
        Assert.Equal(appPort.ToString(), annotations["prometheus.io/port"].Text);
        Assert.Contains(annotations["prometheus.io/path"].RequiredText, routes);
    }

    private static Dictionary<string, string> ImageEnvironment(string target)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in Dockerfile.Lineage(target).Reverse())
        {
            foreach (var line in stage.All("ENV"))
            {
                foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2))
                {
                    environment[pair[0]] = pair[1];
                }
            }
        }
        return environment;
    }
}
