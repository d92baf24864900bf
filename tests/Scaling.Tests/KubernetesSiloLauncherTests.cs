using System.Net;
using System.Text;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansServe.Hosting.Launchers.Kubernetes;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers.Kubernetes;

namespace OrleansServe.Scaling.Tests;

public class KubernetesSiloLauncherTests
{
    private sealed class FakeApiServer : DelegatingHandler
    {
        public List<(string Method, string Path, string? ContentType, string Body)> Requests { get; } = [];

        public int Replicas { get; set; } = 2;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.MediaType, body));
            var path = request.RequestUri.AbsolutePath;
            if (request.Method == HttpMethod.Patch && path.EndsWith("/scale", StringComparison.Ordinal))
            {
                Replicas = int.Parse(body.Split("\"replicas\":")[1].TrimEnd('}'));
            }
            var json = path switch
            {
                _ when path.EndsWith("/scale", StringComparison.Ordinal) =>
                    $$$"""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"orleansserve-silo"},"spec":{"replicas":{{{Replicas}}}}}""",
                _ when path.EndsWith("/status", StringComparison.Ordinal) =>
                    $$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"orleansserve-silo"},"status":{"readyReplicas":{{{Replicas}}}}}""",
                _ => """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"orleansserve-silo-abc"}}""",
            };
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }

    private static (KubernetesSiloLauncher, FakeApiServer) Launcher()
    {
        var api = new FakeApiServer();
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://kubernetes.test" }, api);
        var options = Options.Create(new ScalingOptions { Kubernetes = new KubernetesLauncherOptions { Namespace = "serving" } });
        return (new KubernetesSiloLauncher(options, client, NullLogger<KubernetesSiloLauncher>.Instance), api);
    }

    [Fact]
    public async Task LaunchPatchesTheDeploymentScaleToOneMoreReplica()
    {
        var (launcher, api) = Launcher();
        await launcher.LaunchAsync(CancellationToken.None);

        var patch = Assert.Single(api.Requests, r => r.Method == "PATCH");
        Assert.Equal("/apis/apps/v1/namespaces/serving/deployments/orleansserve-silo/scale", patch.Path);
        Assert.Equal("application/merge-patch+json", patch.ContentType);
        Assert.Equal("""{"spec":{"replicas":3}}""", patch.Body);
        Assert.NotNull(launcher.MeasuredStartupSeconds);
    }

    [Fact]
    public async Task StopMarksThePodCheapestToDeleteThenScalesDown()
    {
        var (launcher, api) = Launcher();
        await launcher.StopAsync("orleansserve-silo-abc", CancellationToken.None);

        var patches = api.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal("/api/v1/namespaces/serving/pods/orleansserve-silo-abc", patches[0].Path);
        Assert.Equal("""{"metadata":{"annotations":{"controller.kubernetes.io/pod-deletion-cost":"-1000"}}}""", patches[0].Body);
        Assert.Equal("""{"spec":{"replicas":1}}""", patches[1].Body);
    }
}
