namespace OrleansServe;

/// <summary>
/// A server's figures for one model: counts over its last report period, the per-request compute time (EWMA), and
/// the p50/p99 of its last <see cref="RecentRequests"/> requests' time on the server (queue + compute).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ModelStats")]
public sealed record ModelStats(long Requests, long Errors, long Tokens, double EwmaMs, double P99Ms, double P50Ms = 0)
{
    /// <summary>How many of a server's latest requests its p50 and p99 are taken over.</summary>
    public const int RecentRequests = 512;
}
