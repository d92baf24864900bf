using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary><c>$metadata_tensor</c>: a tensor's name, datatype and shape (-1 for variable dimensions).</summary>
public sealed record OipMetadataTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape);
