namespace OrleansServe.Gateway.Health;

/// <summary>Whether the cluster can serve: healthy servers known to the registry, the models they hold, and why not when it cannot.</summary>
public sealed record HealthReport(bool Ready, string Silo, string Mode, int HealthyServers, IReadOnlyList<string> Models, string? Reason);
