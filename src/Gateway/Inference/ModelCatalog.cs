using OrleansServe.Engine;
using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// The models this cluster knows: the silo's manifests (<see cref="ManifestCatalog"/>, not the engine: a gateway
/// that hosts no server needs the manifests only). A name is only ever looked up here (exact match), never used
/// to build a path.
/// </summary>
public sealed class ModelCatalog(ManifestCatalog manifests, TimeProvider clock)
{
    /// <summary>Real classifiers in order of preference for the convenience endpoints: ResNet18 once pretrained, then the shipped MobileNetV2.</summary>
    private static readonly string[] PreferredClassifiers = ["resnet18", "mobilenetv2"];

    private static readonly TimeSpan DefaultClassifierRecheck = TimeSpan.FromSeconds(5);

    private volatile Choice? _defaultClassifier; // a reference, so concurrent requests never read a torn value

    public IReadOnlyCollection<ModelManifest> All => manifests.Manifests;

    public ModelManifest? Find(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && manifests.TryGet(name, out var manifest) ? manifest : null;

    /// <summary>The manifest of <paramref name="name"/>, or 404 ProblemDetails.</summary>
    public ModelManifest Get(string? name) =>
        Find(name) ?? throw HttpProblemException.NotFound($"Unknown model '{Display(name)}'. GET /v2/models lists the models.");

    /// <summary>
    /// The manifest of <paramref name="name"/> at <paramref name="version"/>, or 404 ProblemDetails. Models are not
    /// versioned: an empty version means any, and <see cref="Endpoints.InferenceApi.Version"/> is the only other one.
    /// </summary>
    public ModelManifest Get(string? name, string? version)
    {
        var model = Get(name);
        return string.IsNullOrEmpty(version) || version == Endpoints.InferenceApi.Version
            ? model
            : throw HttpProblemException.NotFound($"Model '{model.Name}' has no version '{Display(version)}'; the only version is {Endpoints.InferenceApi.Version}.");
    }

    /// <summary>
    /// The best real classifier of the catalog: the first of <see cref="PreferredClassifiers"/> with pretrained
    /// weights, else any image model with them, else the first image model. Re-read every 5 s, so ResNet18 takes
    /// over once its weights arrive. Null when the catalog has no image model.
    /// </summary>
    public string? DefaultClassifier()
    {
        var now = clock.GetUtcNow();
        if (_defaultClassifier is { } cached && now - cached.At < DefaultClassifierRecheck)
        {
            return cached.Model;
        }
        var images = All.Where(m => m.IsImageModel).OrderBy(m => Preference(m.Name)).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var best = images.FirstOrDefault(m => ModelWeights.Of(m) == ModelWeights.Pretrained) ?? images.FirstOrDefault();
        _defaultClassifier = best is null ? null : new Choice(best.Name, now);
        return best?.Name;
    }

    private static int Preference(string name) => Array.IndexOf(PreferredClassifiers, name) is var i and >= 0 ? i : PreferredClassifiers.Length;

    /// <summary>A model name made safe to echo in a message: short, printable.</summary>
    public static string Display(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        var printable = new string(name.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return name.Length > 64 ? printable + "…" : printable;
    }

    private sealed record Choice(string Model, DateTimeOffset At);
}
