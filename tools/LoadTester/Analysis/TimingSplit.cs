namespace OrleansServe.LoadTester.Analysis;

/// <summary>
/// Where the time went, for the 2xx responses that carried <c>timings</c> (as perf_analyzer splits
/// it): server queue, inference, and the rest (network, gateway, client send lag).
/// </summary>
public sealed record TimingSplit
{
    /// <summary>Responses with timings.</summary>
    public required int Count { get; init; }

    /// <summary>Mean server queue time.</summary>
    public required double MeanQueueMs { get; init; }

    /// <summary>Median server queue time.</summary>
    public required double P50QueueMs { get; init; }

    /// <summary>99th percentile server queue time.</summary>
    public required double P99QueueMs { get; init; }

    /// <summary>Mean inference time.</summary>
    public required double MeanInferenceMs { get; init; }

    /// <summary>Median inference time.</summary>
    public required double P50InferenceMs { get; init; }

    /// <summary>99th percentile inference time.</summary>
    public required double P99InferenceMs { get; init; }

    /// <summary>Mean client latency minus queue and inference time.</summary>
    public required double MeanOtherMs { get; init; }
}
