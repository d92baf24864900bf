namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>Per-second time series of a run, for the plots.</summary>
public sealed class SimulationSeries
{
    /// <summary>Requests that arrived in each second.</summary>
    public List<double> OfferedLoad { get; } = [];

    /// <summary>Mean replicas alive (starting, ready or draining: each holds a core) in each second.</summary>
    public List<double> Replicas { get; } = [];

    /// <summary>Mean replicas ready to take work in each second.</summary>
    public List<double> ReadyReplicas { get; } = [];

    /// <summary>Queue length at the end of each second.</summary>
    public List<double> Queue { get; } = [];

    /// <summary>p99 latency (ms) of requests completed in each 10 s window, indexed by the window's start second.</summary>
    public List<(double Second, double P99Ms)> P99 { get; } = [];
}
