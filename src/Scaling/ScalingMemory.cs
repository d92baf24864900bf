namespace OrleansServe.Scaling;

/// <summary>
/// What policies remember between polls (stabilisation windows, cooldowns, the forecast), persisted with the scaler
/// so a restart keeps them. Policies read and update it; nothing else in it talks to the outside world.
/// </summary>
[GenerateSerializer, Alias("OrleansServe.Scaling.ScalingMemory")]
public sealed class ScalingMemory
{
    /// <summary>Recent recommendations, oldest first, for "max over the window" scale-down stabilisation.</summary>
    [Id(0)] public List<TimedValue> Recommendations { get; set; } = [];

    /// <summary>When the replica target last changed; null before any change.</summary>
    [Id(1)] public DateTime? LastScaleUtc { get; set; }

    /// <summary>When the policy last ran; null before its first run.</summary>
    [Id(2)] public DateTime? LastEvaluatedUtc { get; set; }

    /// <summary>Holt forecast level of the arrival rate (requests/s); null before the first observation.</summary>
    [Id(3)] public double? RateLevel { get; set; }

    /// <summary>Holt forecast trend of the arrival rate (requests/s per second).</summary>
    [Id(4)] public double RateTrend { get; set; }

    /// <summary>The slo policy's smoothed ratio of observed to predicted p99 (1 until it has observed one).</summary>
    [Id(5)] public double P99Correction { get; set; } = 1;

    /// <summary>
    /// The polls the slo policy's correction compares the servers' reported p99 with, newest last: enough of them that
    /// each server served <see cref="ModelStats.RecentRequests"/> requests in them, the window that p99 is over.
    /// </summary>
    [Id(8)] public List<ServedPoll> ServedPolls { get; set; } = [];

    /// <summary>Appends a recommendation, forgets those older than <paramref name="window"/>, and returns the largest left.</summary>
    public int RecordAndMax(DateTime now, int value, TimeSpan window)
    {
        Recommendations.Add(new TimedValue(now, value));
        Recommendations.RemoveAll(r => r.Utc < now - window);
        return Recommendations.Max(r => r.Value);
    }

    /// <summary>Forgets everything (used when the policy changes).</summary>
    public void Reset()
    {
        Recommendations.Clear();
        LastScaleUtc = null;
        LastEvaluatedUtc = null;
        RateLevel = null;
        RateTrend = 0;
        P99Correction = 1;
        ServedPolls.Clear();
    }
}
