using System.Text.Json.Serialization;
using OrleansServe.Engine;

namespace OrleansServe.Gateway.Protocol;

/// <summary>
/// <c>$metadata_model_response</c>, with the model's kind among its properties and, for image models, whether its
/// weights are <c>pretrained</c> or <c>seeded</c> (meaningless labels).
/// </summary>
public sealed record OipModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] string[] Versions,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("inputs")] IReadOnlyList<OipMetadataTensor> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OipMetadataTensor> Outputs,
    [property: JsonPropertyName("properties")] IReadOnlyDictionary<string, string> Properties)
{
    public static OipModelMetadata From(ModelManifest model, string version) => model.IsImageModel
        ? new(model.Name, [version], "onnx_onnxv1",
            [new(OipTensorNames.Image, OipTensorNames.Bytes, [-1])],
            [
                new(OipTensorNames.Classification, OipTensorNames.Bytes, [-1, -1]),
                new(OipTensorNames.Probabilities, OipTensorNames.Fp32, [-1, -1]),
                new(OipTensorNames.Indices, OipTensorNames.Int64, [-1, -1]),
            ],
            new Dictionary<string, string>
            {
                ["kind"] = model.Kind,
                ["input_size"] = (model.Input?.Size ?? 224).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["weights"] = ModelWeights.Of(model)!,
            })
        : new(model.Name, [version], "orleansserve_simulated",
            [new(OipTensorNames.Tokens, OipTensorNames.Int64, [-1])],
            [new(OipTensorNames.TokensServed, OipTensorNames.Int64, [-1])],
            new Dictionary<string, string> { ["kind"] = model.Kind });
}
