using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary><c>$live_server_response</c>.</summary>
public sealed record OipServerLive([property: JsonPropertyName("live")] bool Live);
