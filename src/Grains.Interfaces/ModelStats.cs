namespace OrleansServe;

/// <summary>
/// A server's figures for one model: counts over its last report period, the per-request compute time (EWMA), and
/// the p50/p99 of its recent requests' time on the server (queue + compute).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ModelStats")]
public sealed record ModelStats(long Requests, long Errors, long Tokens, double EwmaMs, double P99Ms, double P50Ms = 0);
