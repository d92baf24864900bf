namespace OrleansServe.Engine;

/// <summary>Where model manifests live and which models a silo's model servers load at boot (section <c>Models</c>).</summary>
public sealed class ModelsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Models";

    /// <summary>The models a silo loads when no <c>Models:Load</c> is configured.</summary>
    public static readonly IReadOnlyList<string> DefaultLoad = ["resnet18", "mobilenetv2", "A", "B", "C", "D", "echo"];

    /// <summary>
    /// Folder holding one JSON manifest per model. A relative path is tried against the current directory,
    /// then against the application's base directory. The default is <c>models</c>.
    /// </summary>
    public string Directory { get; set; } = "models";

    /// <summary>
    /// Models the silo's model servers load at boot (the engine itself loads nothing until asked). Configure it as
    /// an array or as one comma-separated string (handy for environment variables: <c>Models__Load=resnet18,A</c>;
    /// an empty string loads none). The default is <c>resnet18, mobilenetv2, A, B, C, D, echo</c>.
    /// </summary>
    public string[] Load { get; set; } = [.. DefaultLoad];

    /// <summary>
    /// Whether loading a model whose file is absent or seeded first downloads its manifest's <c>pretrained</c> file
    /// (SHA-256 checked). The default is true; without a network it fails at once and the seeded graph is served.
    /// </summary>
    public bool FetchPretrained { get; set; } = true;

    /// <summary>Longest a pretrained download may take before the seeded graph is served instead. The default is 30.</summary>
    public int FetchTimeoutSeconds { get; set; } = 30;
}
