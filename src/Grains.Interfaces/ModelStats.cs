namespace OrleansServe;

/// <summary>A server's figures for one model over its last report period.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ModelStats")]
public sealed record ModelStats(long Requests, long Errors, long Tokens, double EwmaMs, double P99Ms);
