namespace OrleansServe.LoadTester.Running;

/// <summary>The run's time base: <see cref="Stopwatch"/> timestamps converted to offsets from the start.</summary>
public sealed class RunClock
{
    private static readonly double MsPerTick = 1000.0 / Stopwatch.Frequency;

    private RunClock(long start) => StartTimestamp = start;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the start.</summary>
    public long StartTimestamp { get; }

    /// <summary>Starts a clock now.</summary>
    public static RunClock StartNew() => new(Stopwatch.GetTimestamp());

    /// <summary>Milliseconds since the start.</summary>
    public double ElapsedMs => ToMs(Stopwatch.GetTimestamp());

    /// <summary>The offset in milliseconds of a <see cref="Stopwatch"/> timestamp.</summary>
    public double ToMs(long timestamp) => (timestamp - StartTimestamp) * MsPerTick;

    /// <summary>The timestamp <paramref name="seconds"/> after the start.</summary>
    public long ToTimestamp(double seconds) => StartTimestamp + (long)(seconds * Stopwatch.Frequency);
}
