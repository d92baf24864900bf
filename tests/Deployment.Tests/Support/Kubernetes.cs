namespace OrleansServe.Deployment.Tests.Support;

/// <summary>Every object in deploy/k8s/*.yaml (the kustomization excluded).</summary>
public static class Kubernetes
{
    public const string Folder = "deploy/k8s";

    public static IReadOnlyList<YamlNode> Objects { get; } = Directory
        .GetFiles(RepoPaths.Of(Folder), "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .Order(StringComparer.Ordinal)
        .SelectMany(f => YamlNode.LoadAll($"{Folder}/{Path.GetFileName(f)}"))
        .ToList();

    public static YamlNode Get(string kind, string name) =>
        Objects.SingleOrDefault(o => o["kind"].Text == kind && o["metadata"]["name"].Text == name)
        ?? throw new Xunit.Sdk.XunitException($"deploy/k8s has no {kind} '{name}'.");

    public static YamlNode Container(string deployment) =>
        Get("Deployment", deployment)["spec"]["template"]["spec"]["containers"].Items.Single();

    /// <summary>A container's environment: its ConfigMaps (envFrom) overlaid with its own env; fieldRef values read as "fieldRef:path".</summary>
    public static IReadOnlyDictionary<string, string?> Environment(YamlNode container)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"].Items)
        {
            var map = Get("ConfigMap", source["configMapRef"]["name"].RequiredText);
            foreach (var (key, value) in map["data"].Entries)
            {
                result[key] = value.Text;
            }
        }
        foreach (var variable in container["env"].Items)
        {
            var field = variable["valueFrom"]["fieldRef"]["fieldPath"].Text;
            result[variable["name"].RequiredText] = field is null ? variable["value"].Text : $"fieldRef:{field}";
        }
        return result;
    }

    /// <summary>The container port a probe or Service names (by port name or number).</summary>
    public static int ContainerPort(YamlNode container, string? nameOrNumber)
    {
        Assert.NotNull(nameOrNumber);
        if (int.TryParse(nameOrNumber, out var number))
        {
            return number;
        }
        var port = container["ports"].Items.SingleOrDefault(p => p["name"].Text == nameOrNumber)
            ?? throw new Xunit.Sdk.XunitException($"{container.Path} has no port named '{nameOrNumber}'.");
        return int.Parse(port["containerPort"].RequiredText);
    }
}
