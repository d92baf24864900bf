namespace OrleansServe.Gateway.Protocol;

/// <summary>Tensor names and datatypes of the gateway's Open Inference Protocol models.</summary>
public static class OipTensorNames
{
    public const string Bytes = "BYTES";
    public const string Int64 = "INT64";
    public const string Int32 = "INT32";
    public const string Fp32 = "FP32";

    /// <summary>Input of image models: encoded images (JPEG, PNG…) as base64 strings.</summary>
    public const string Image = "image";

    /// <summary>Input of token models: token counts.</summary>
    public const string Tokens = "tokens";

    /// <summary>Top-k as "score:index:label" strings (Triton's classification extension).</summary>
    public const string Classification = "classification";

    /// <summary>Top-k confidences as FP32, when asked for by name.</summary>
    public const string Probabilities = "probabilities";

    /// <summary>Top-k class indices as INT64, when asked for by name.</summary>
    public const string Indices = "indices";

    /// <summary>Token models echo the served token counts.</summary>
    public const string TokensServed = "tokens_served";

    public static IReadOnlyList<string> OutputsFor(bool imageModel) =>
        imageModel ? [Classification, Probabilities, Indices] : [TokensServed];
}
