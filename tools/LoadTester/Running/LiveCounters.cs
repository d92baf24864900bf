namespace OrleansServe.LoadTester.Running;

/// <summary>Counters the progress line reads while a run is under way; updated lock-free by the senders.</summary>
public sealed class LiveCounters
{
    private const int WindowSize = 2048;
    private readonly double[] _recent = new double[WindowSize];
    private long _recentCount;
    private int _sent;
    private int _completed;
    private int _errors;
    private int _late;

    /// <summary>Requests handed to the HTTP client.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Requests finished, whatever the outcome.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Finished requests that were not 2xx.</summary>
    public int Errors => Volatile.Read(ref _errors);

    /// <summary>Sends that started later than the late threshold after their scheduled time.</summary>
    public int Late => Volatile.Read(ref _late);

    /// <summary>Counts a send; <paramref name="late"/> when it started past the threshold.</summary>
    public void OnSent(bool late)
    {
        Interlocked.Increment(ref _sent);
        if (late)
        {
            Interlocked.Increment(ref _late);
        }
    }

    /// <summary>Counts a finished request.</summary>
    public void OnCompleted(in RequestRecord record)
    {
        var slot = Interlocked.Increment(ref _recentCount) - 1;
        _recent[slot % WindowSize] = record.LatencyMs;
        if (!record.IsSuccess)
        {
            Interlocked.Increment(ref _errors);
        }

        Interlocked.Increment(ref _completed);
    }

    /// <summary>The p99 of the last ~2 000 finished requests, or null before any finished.</summary>
    public double? RecentP99()
    {
        var n = (int)Math.Min(Interlocked.Read(ref _recentCount), WindowSize);
        if (n == 0)
        {
            return null;
        }

        // A racy copy is fine for a progress line: at worst one slot is a newer latency.
        var copy = _recent.AsSpan(0, n).ToArray();
        Array.Sort(copy);
        return Percentiles.NearestRank(copy, 0.99);
    }
}
