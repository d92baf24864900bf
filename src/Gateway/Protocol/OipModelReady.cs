using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary><c>$ready_model_response</c>.</summary>
public sealed record OipModelReady(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ready")] bool Ready);
