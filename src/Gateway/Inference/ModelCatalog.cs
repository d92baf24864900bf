using OrleansServe.Gateway.Errors;
using OrleansServe.Grains.Inference;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// The models this cluster knows, read from the in-process engine's manifests. A name is only ever looked up
/// here (exact match), never used to build a path.
/// </summary>
public sealed class ModelCatalog(IServiceProvider services)
{
    private readonly IInferenceEngine? _engine = services.GetService<IInferenceEngine>();

    public IReadOnlyCollection<ModelManifest> All => _engine?.Catalog ?? [];

    public ModelManifest? Find(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > 128 ? null : All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    /// <summary>The manifest of <paramref name="name"/>, or 404 ProblemDetails.</summary>
    public ModelManifest Get(string? name) =>
        Find(name) ?? throw HttpProblemException.NotFound($"Unknown model '{Display(name)}'. GET /v2/models lists the models.");

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
}
