using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary><c>$metadata_server_response</c>.</summary>
public sealed record OipServerMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("extensions")] string[] Extensions);
