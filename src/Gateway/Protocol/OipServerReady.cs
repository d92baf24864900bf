using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary><c>/v2/health/live</c> and <c>/v2/health/ready</c> bodies (KServe returns both members).</summary>
public sealed record OipServerReady(
    [property: JsonPropertyName("live")] bool Live,
    [property: JsonPropertyName("ready")] bool Ready);
