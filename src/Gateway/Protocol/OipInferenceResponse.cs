using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>An Open Inference Protocol inference response (<c>$inference_response</c>).</summary>
public sealed record OipInferenceResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ModelVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, object> Parameters,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OipOutput> Outputs);
