namespace OrleansServe.Gateway.Protocol;

/// <summary>The body of a healthy <c>/health</c> and <c>/</c>.</summary>
public sealed record HealthView(string Status, bool Ready, string Silo, string Mode, int HealthyServers, IReadOnlyList<string> Models);
