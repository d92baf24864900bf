namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>One one-core replica: starting until <see cref="ReadyAt"/>, then serving one request at a time.</summary>
internal sealed class SimulatedReplica(int id, double launchedAt, double readyAt)
{
    public int Id { get; } = id;

    public double LaunchedAt { get; } = launchedAt;

    public double ReadyAt { get; } = readyAt;

    public bool Ready { get; set; }

    public bool Busy { get; set; }

    /// <summary>Finishes its current request, takes no new one, then stops.</summary>
    public bool Draining { get; set; }

    public bool Stopped { get; set; }

    /// <summary>Counts towards capacity: starting or ready, not draining or stopped.</summary>
    public bool Active => !Stopped && !Draining;
}
