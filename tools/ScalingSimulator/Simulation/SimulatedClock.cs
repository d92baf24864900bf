namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>The simulation's time, given to the policies as their <see cref="TimeProvider"/>.</summary>
public sealed class SimulatedClock : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seconds since the start of the run.</summary>
    public double Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Epoch + TimeSpan.FromSeconds(Now);
}
