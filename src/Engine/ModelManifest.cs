namespace OrleansServe.Engine;

/// <summary>A model described by a JSON manifest in the models directory (paths already resolved to absolute).</summary>
public sealed record ModelManifest
{
    /// <summary>Kind of an ONNX image classifier.</summary>
    public const string OnnxImage = "onnx-image";

    /// <summary>Kind of a simulated token model that burns CPU.</summary>
    public const string SimulatedTokens = "simulated-tokens";

    public required string Name { get; init; }

    public required string Kind { get; init; }

    /// <summary>The manifest file this came from (for error messages).</summary>
    public required string Source { get; init; }

    /// <summary>ONNX file (onnx-image).</summary>
    public string? File { get; init; }

    /// <summary>Labels file, one per line (onnx-image).</summary>
    public string? Labels { get; init; }

    /// <summary>Input tensor description (onnx-image).</summary>
    public ImageInputSpec? Input { get; init; }

    /// <summary>
    /// Architecture whose graph is written with seeded (meaningless) weights when <see cref="File"/> is absent
    /// (onnx-image; only <c>resnet18</c> is known). Null means a missing file is an error.
    /// </summary>
    public string? Seeded { get; init; }

    /// <summary>
    /// Where the pretrained file can be downloaded when <see cref="File"/> is absent or seeded, and its SHA-256
    /// (onnx-image; fetched at load when <c>Models:FetchPretrained</c> is on).
    /// </summary>
    public PretrainedSource? Pretrained { get; init; }

    /// <summary>CPU cost of any request (simulated-tokens).</summary>
    public double BaseCpuMs { get; init; }

    /// <summary>CPU cost of each token (simulated-tokens).</summary>
    public double CpuMsPerToken { get; init; }

    /// <summary>Memory held while loaded (simulated-tokens).</summary>
    public int MemoryMb { get; init; }

    public bool IsImageModel => Kind == OnnxImage;
}
