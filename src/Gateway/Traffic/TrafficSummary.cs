namespace OrleansServe.Gateway.Traffic;

/// <summary>What a test-traffic run did: counts by status, latency per model, and whether the open loop kept its schedule.</summary>
public sealed record TrafficSummary(
    string Pattern,
    int Requests,
    double Rate,
    double ElapsedMs,
    double AchievedRate,
    int Succeeded,
    int Failed,
    int Retries,
    double MaxLagMs,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyDictionary<string, ModelTrafficStats> Models);
