namespace OrleansServe.Grains.Inference;

/// <summary>Where model manifests live and which models a silo's model servers load at boot (section <c>Models</c>).</summary>
public sealed class ModelsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Models";

    /// <summary>The models a silo loads when no <c>Models:Load</c> is configured.</summary>
    public static readonly IReadOnlyList<string> DefaultLoad = ["resnet18", "A", "B", "C", "D", "echo"];

    /// <summary>
    /// Folder holding one JSON manifest per model. A relative path is tried against the current directory,
    /// then against the application's base directory. The default is <c>models</c>.
    /// </summary>
    public string Directory { get; set; } = "models";

    /// <summary>
    /// Models the silo's model servers load at boot (the engine itself loads nothing until asked). Configure it as
    /// an array or as one comma-separated string (handy for environment variables: <c>Models__Load=resnet18,A</c>;
    /// an empty string loads none). The default is <c>resnet18, A, B, C, D, echo</c>.
    /// </summary>
    public string[] Load { get; set; } = [.. DefaultLoad];
}
