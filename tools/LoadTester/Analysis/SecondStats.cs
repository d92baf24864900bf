namespace OrleansServe.LoadTester.Analysis;

/// <summary>One second of a run. Latency figures cover the requests scheduled in this second.</summary>
public sealed record SecondStats
{
    /// <summary>Seconds from the start (0-based).</summary>
    public required int Second { get; init; }

    /// <summary>Requests scheduled in this second (open loop) or sent in it (closed loop).</summary>
    public required int Offered { get; init; }

    /// <summary>Responses of any status that ended in this second.</summary>
    public required int Achieved { get; init; }

    /// <summary>2xx responses that ended in this second.</summary>
    public required int Ok { get; init; }

    /// <summary>Requests scheduled in this second that did not get a 2xx.</summary>
    public required int Errors { get; init; }

    /// <summary>Median latency of the requests scheduled in this second, or null when none.</summary>
    public double? P50Ms { get; init; }

    /// <summary>90th percentile.</summary>
    public double? P90Ms { get; init; }

    /// <summary>99th percentile.</summary>
    public double? P99Ms { get; init; }

    /// <summary>Largest latency.</summary>
    public double? MaxMs { get; init; }

    /// <summary>Share of this second's requests answered 2xx within the SLO, when <c>--slo-ms</c> was given.</summary>
    public double? SloAttainment { get; init; }

    /// <summary>Mean server queue time, for responses that carried <c>timings</c>.</summary>
    public double? QueueMs { get; init; }

    /// <summary>Mean inference time, for responses that carried <c>timings</c>.</summary>
    public double? InferenceMs { get; init; }
}
