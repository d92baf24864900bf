using System.Text.Json.Serialization;

namespace OrleansServe.LoadTester.Analysis;

/// <summary>What was run: the settings a summary reports beside its figures.</summary>
public sealed record RunInfo
{
    /// <summary>Target base URL.</summary>
    public required string Url { get; init; }

    /// <summary>Request style (v2, predict, enqueue, tokens).</summary>
    public required string Style { get; init; }

    /// <summary><c>open</c> (scheduled arrivals) or <c>closed</c> (fixed concurrency).</summary>
    public required string Mode { get; init; }

    /// <summary>Arrival process (open loop) or <c>closed-N</c>.</summary>
    public required string Arrivals { get; init; }

    /// <summary>Workload name (file, preset or constant).</summary>
    public required string Workload { get; init; }

    /// <summary>Rate multiplier.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Random seed of the schedule and of image/model choices.</summary>
    public int Seed { get; init; }

    /// <summary>Scheduled length of the run in seconds.</summary>
    public required double DurationS { get; init; }

    /// <summary>Requests scheduled per second (open loop); null for closed loop. In summary.json as <c>perSecond[].offered</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<int>? OfferedPerSecond { get; init; }

    /// <summary>Requests the schedule held (open loop), or those sent (closed loop).</summary>
    public required int Scheduled { get; init; }

    /// <summary>A send counts as late when it started more than this after its scheduled time.</summary>
    public double LateThresholdMs { get; init; } = 5;

    /// <summary>The latency objective, when given.</summary>
    public double? SloMs { get; init; }

    /// <summary>Start time (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Cluster core usage during the run, when the gateway reports it. In summary.json at the top level.</summary>
    [JsonIgnore]
    public ClusterUsage? Cluster { get; init; }
}
