using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>An Open Inference Protocol response output tensor (<c>$response_output</c>).</summary>
public sealed record OipOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("data")] object[] Data);
