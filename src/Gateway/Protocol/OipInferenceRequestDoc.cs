using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>The Open Inference Protocol request, for the OpenAPI document only (the gateway parses bodies itself to report precise errors).</summary>
public sealed record OipInferenceRequestDoc(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("parameters")] Dictionary<string, JsonElement>? Parameters,
    [property: JsonPropertyName("inputs")] IReadOnlyList<OipOutput> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OipRequestOutputDoc>? Outputs);
