namespace OrleansServe.Gateway.Ui;

/// <summary>
/// A model's figures, on one server or summed over the cluster. <see cref="P50Ms"/> is the servers' p50 of time on the
/// server (request-weighted across servers); <see cref="P99Ms"/> the highest p99 among servers that served it lately.
/// </summary>
public sealed record ModelSnapshot(
    double RequestsPerSecond,
    double ErrorsPerSecond,
    double? P50Ms,
    double? P99Ms,
    long TotalRequests,
    long TotalErrors,
    int Replicas);
