using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>An output the client asks for (<c>$request_output</c>); <c>parameters.classification</c> sets top-k.</summary>
public sealed record OipRequestOutputDoc(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parameters")] Dictionary<string, JsonElement>? Parameters);
