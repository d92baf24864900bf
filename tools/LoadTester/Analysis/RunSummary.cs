namespace OrleansServe.LoadTester.Analysis;

/// <summary>
/// The figures of one run, written as <c>summary.json</c>. Latency percentiles cover every request
/// sent, failed ones included (timed from the scheduled send time); SLO attainment counts only 2xx.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The settings of the run.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>Requests sent.</summary>
    public required int Count { get; init; }

    /// <summary>Scheduled requests per second of the workload.</summary>
    public required double OfferedRate { get; init; }

    /// <summary>2xx responses per second of elapsed time.</summary>
    public required double Throughput { get; init; }

    /// <summary>Responses of any kind per second of elapsed time.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>From the start until the last response, at least the scheduled duration.</summary>
    public required double ElapsedS { get; init; }

    /// <summary>Share of requests answered 2xx.</summary>
    public required double SuccessRate { get; init; }

    /// <summary>Failed requests by HTTP status, or by cause (<c>timeout</c>, <c>ConnectionError</c>…) when none came.</summary>
    public required IReadOnlyDictionary<string, int> ErrorsByStatus { get; init; }

    /// <summary>Mean latency.</summary>
    public double? MeanMs { get; init; }

    /// <summary>Median latency.</summary>
    public double? P50Ms { get; init; }

    /// <summary>90th percentile latency.</summary>
    public double? P90Ms { get; init; }

    /// <summary>95th percentile latency.</summary>
    public double? P95Ms { get; init; }

    /// <summary>99th percentile latency.</summary>
    public double? P99Ms { get; init; }

    /// <summary>99.9th percentile latency.</summary>
    public double? P999Ms { get; init; }

    /// <summary>Largest latency.</summary>
    public double? MaxMs { get; init; }

    /// <summary>Sends that started more than <see cref="LateSendThresholdMs"/> after their scheduled time.</summary>
    public required int LateSends { get; init; }

    /// <summary>The late-send threshold.</summary>
    public required double LateSendThresholdMs { get; init; }

    /// <summary>Largest delay between a scheduled and an actual send.</summary>
    public required double MaxSendLagMs { get; init; }

    /// <summary>The latency objective, when <c>--slo-ms</c> was given.</summary>
    public double? SloMs { get; init; }

    /// <summary>Share of all requests answered 2xx within <see cref="SloMs"/>.</summary>
    public double? SloAttainment { get; init; }

    /// <summary>2xx responses by the <c>server</c> that answered.</summary>
    public required IReadOnlyDictionary<string, int> Servers { get; init; }

    /// <summary>Queue vs inference time, when responses carried <c>timings</c>.</summary>
    public TimingSplit? Timings { get; init; }

    /// <summary>Cluster CPU used, when the gateway reports it.</summary>
    public ClusterUsage? Cluster { get; init; }

    /// <summary>Latency and rates per second.</summary>
    public required IReadOnlyList<SecondStats> PerSecond { get; init; }

    /// <summary>The latency distribution (CDF) at fixed shares, for plots and <c>compare</c>.</summary>
    public required IReadOnlyList<QuantilePoint> LatencyQuantiles { get; init; }
}
