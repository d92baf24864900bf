namespace OrleansServe.Deployment.Tests;

/// <summary>deploy/k8s: the objects the cluster needs, one CPU per silo, per-pod addresses, RBAC for the scaler and Orleans.</summary>
public sealed class KubernetesTests
{
    [Theory]
    [InlineData("Deployment", "redis")]
    [InlineData("Service", "redis")]
    [InlineData("Deployment", "silo")]
    [InlineData("Deployment", "gateway")]
    [InlineData("Service", "gateway")]
    [InlineData("ServiceAccount", "orleansserve")]
    [InlineData("Role", "orleansserve")]
    [InlineData("RoleBinding", "orleansserve")]
    [InlineData("ConfigMap", "orleansserve-cluster")]
    public void ObjectIsDefined(string kind, string name) => Assert.True(Kubernetes.Get(kind, name).Exists);

    [Fact]
    public void KustomizationListsEveryManifest()
    {
        var listed = YamlNode.Load($"{Kubernetes.Folder}/kustomization.yaml")["resources"].Items.Select(r => r.RequiredText).Order();
        var files = Directory.GetFiles(RepoPaths.Of(Kubernetes.Folder), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order();
        Assert.Equal(files, listed);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void EnvironmentKeysBindToOptionsTheCodeReads(string deployment) =>
        Assert.Empty(OptionSections.Check(Kubernetes.Environment(Kubernetes.Container(deployment)), $"deploy/k8s {deployment}"));

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void EachPodListensOnAndAdvertisesItsOwnAddressUnderItsOwnName(string deployment)
    {
        var environment = Kubernetes.Environment(Kubernetes.Container(deployment));
        Assert.Equal("fieldRef:status.podIP", environment["Silo__Address"]);
        Assert.Equal("fieldRef:metadata.name", environment["Silo__Name"]);
        Assert.Equal("Redis", environment["Cluster__Mode"]);
        var redis = environment["Cluster__Redis"]!.Split(':');
        Assert.Contains(Kubernetes.Get("Service", redis[0])["spec"]["ports"].Items, p => p["port"].Text == redis[1]);
    }

    [Fact]
    public void EachSiloGetsOneCpu()
    {
        var resources = Kubernetes.Container("silo")["resources"];
        Assert.Equal("1", resources["requests"]["cpu"].Text);
        Assert.Equal("1", resources["limits"]["cpu"].Text);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void PodsCarryTheLabelsOrleansKubernetesHostingReads(string deployment)
    {
        var template = Kubernetes.Get("Deployment", deployment)["spec"]["template"];
        var environment = Kubernetes.Environment(Kubernetes.Container(deployment));
        Assert.Equal(environment["Cluster__ServiceId"], template["metadata"]["labels"]["orleans/serviceId"].Text);
        Assert.Equal(environment["Cluster__ClusterId"], template["metadata"]["labels"]["orleans/clusterId"].Text);
        Assert.Equal(environment["Cluster__ServiceId"], environment["ORLEANS_SERVICE_ID"]);
        Assert.Equal(environment["Cluster__ClusterId"], environment["ORLEANS_CLUSTER_ID"]);
        Assert.Equal("fieldRef:metadata.namespace", environment["POD_NAMESPACE"]);
        Assert.Equal("orleansserve", template["spec"]["serviceAccountName"].Text);
    }

    [Fact]
    public void GatewayServiceTargetsTheGatewayHttpPort()
    {
        var service = Kubernetes.Get("Service", "gateway");
        var container = Kubernetes.Container("gateway");
        var environment = Kubernetes.Environment(container);
        var target = Kubernetes.ContainerPort(container, service["spec"]["ports"].Items.Single()["targetPort"].Text);
        Assert.Equal(new Uri(environment["Urls"]!).Port, target);
        Assert.Equal(Kubernetes.Get("Deployment", "gateway")["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"].Text,
            service["spec"]["selector"]["app.kubernetes.io/name"].Text);
    }

    [Fact]
    public void TheScalerMayScaleTheSiloDeploymentAndOrleansMayWatchPods()
    {
        var environment = Kubernetes.Environment(Kubernetes.Container("gateway"));
        Assert.Equal("kubernetes", environment["Scaling__Launcher"]);
        var deployment = environment["Scaling__Kubernetes__Deployment"]!;
        Assert.True(Kubernetes.Get("Deployment", deployment).Exists);

        var rules = Kubernetes.Get("Role", "orleansserve")["rules"].Items.ToList();
        bool Allows(string group, string resource, string verb, string? name = null) => rules.Any(r =>
            r["apiGroups"].Items.Any(g => g.Text == group)
            && r["resources"].Items.Any(x => x.Text == resource)
            && r["verbs"].Items.Any(v => v.Text == verb)
            && (name is null || !r["resourceNames"].Exists || r["resourceNames"].Items.Any(n => n.Text == name)));
        Assert.True(Allows("apps", "deployments/scale", "patch", deployment));
        Assert.True(Allows("apps", "deployments/scale", "get", deployment));
        foreach (var verb in new[] { "get", "list", "watch", "delete" })
        {
            Assert.True(Allows("", "pods", verb), $"pods {verb}");
        }

        var binding = Kubernetes.Get("RoleBinding", "orleansserve");
        Assert.Equal("orleansserve", binding["roleRef"]["name"].Text);
        Assert.Contains(binding["subjects"].Items, s => s["kind"].Text == "ServiceAccount" && s["name"].Text == "orleansserve");
    }
}
