namespace OrleansServe.Engine;

/// <summary>
/// Every model the manifests in the models directory describe, by name: read once at start (a singleton), shared by
/// the engine and by the gateway, which needs the manifests but not the engine.
/// </summary>
public sealed class ManifestCatalog
{
    private readonly Dictionary<string, ModelManifest> _models;

    private ManifestCatalog(string directory, Dictionary<string, ModelManifest> models)
    {
        Directory = directory;
        _models = models;
    }

    /// <summary>The resolved models directory.</summary>
    public string Directory { get; }

    public IReadOnlyCollection<ModelManifest> Manifests => _models.Values;

    public bool TryGet(string name, out ModelManifest manifest) => _models.TryGetValue(name, out manifest!);

    /// <summary>Reads every <c>*.json</c> in the directory; throws <see cref="ModelManifestException"/> for the first bad one.</summary>
    public static ManifestCatalog Load(string configuredDirectory)
    {
        var directory = ModelDirectory.Resolve(configuredDirectory);
        var models = new Dictionary<string, ModelManifest>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var manifest = ManifestReader.Read(file);
            if (models.TryGetValue(manifest.Name, out var existing))
            {
                throw new ModelManifestException(file, "name", $"'{manifest.Name}' is already declared by {existing.Source}");
            }
            models.Add(manifest.Name, manifest);
        }
        return new ManifestCatalog(directory, models);
    }
}
