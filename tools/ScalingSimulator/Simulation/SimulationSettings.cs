namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>What one simulated run replays: the workload, the policy and the cluster's physics.</summary>
public sealed record SimulationSettings
{
    /// <summary>Requests per second, one number a second.</summary>
    public required IReadOnlyList<double> Workload { get; init; }

    /// <summary>Policy name: hpa70, hpa90, hpa, queue or slo.</summary>
    public required string Policy { get; init; }

    /// <summary>Service time of one request on one replica (one core).</summary>
    public required ServiceTimeDistribution ServiceTime { get; init; }

    /// <summary>
    /// Latency a request gets outside its replica (gateway, HTTP, client), added to what the summary reports; null for
    /// none (the default). A real run's: <see cref="ServiceTimeDistribution.FromRun"/>.
    /// </summary>
    public ServiceTimeDistribution? OutsideServer { get; init; }

    /// <summary>
    /// How old the signals are when the scaler reads them (servers report once a second, so on a real cluster the rate,
    /// CPU and queue it sees are up to a second or more old). The default is 0: the simulator's scaler sees the present.
    /// </summary>
    public double SignalDelaySeconds { get; init; }

    /// <summary>
    /// Seconds the scaler's rate and CPU are averaged over; null (the default) for the policy's own period (15 s for hpa
    /// and queue, as Kubernetes' metrics pipeline smooths them; 1 s for slo). The real scaler reads the servers' last
    /// reports, a second each (<c>SignalReader</c>), whatever the policy: 1 replays it.
    /// </summary>
    public double? SignalWindowSeconds { get; init; }

    /// <summary>Seconds from "add a replica" until it takes work. The default is 8.</summary>
    public double StartupSeconds { get; init; } = 8;

    /// <summary>
    /// Idle silos kept started (<c>Scaling:Process:WarmSilos</c>): while one is left a new replica is ready after
    /// <see cref="WarmStartSeconds"/> instead of the cold start, and a scale-in puts its silo back. The default is 0.
    /// </summary>
    public int WarmSilos { get; init; }

    /// <summary>Seconds from "add a replica" until one on a warm silo takes work. The default is 0.5 (the scale-out test measured it).</summary>
    public double WarmStartSeconds { get; init; } = 0.5;

    /// <summary>Replicas at the start (and the floor). The default is 1.</summary>
    public int MinReplicas { get; init; } = 1;

    /// <summary>The ceiling. The default is 6 (the queue rule's 1–6).</summary>
    public int MaxReplicas { get; init; } = 6;

    /// <summary>The scaler's poll (the slo policy decides at every poll; hpa and queue every 15 s). The default is 1 s, as <c>Scaling:PollSeconds</c>.</summary>
    public double PollSeconds { get; init; } = 1;

    /// <summary>
    /// Seconds into the load of the scaler's first poll, and so of the first evaluation of a policy with a longer period
    /// (hpa and queue: every 15 s). A real scaler runs before the load starts, so that phase is anyone's; it decides on
    /// which side of a ramp hpa looks. The default (null) is one poll.
    /// </summary>
    public double? FirstPollSeconds { get; init; }

    /// <summary>The latency objective the slo policy plans for. The default is 500 ms.</summary>
    public double P99TargetMs { get; init; } = 500;

    /// <summary>The slo policy's Holt forecast on or off. The default is off, as <c>Scaling:Slo:Forecast</c>.</summary>
    public bool Forecast { get; init; }

    /// <summary>The slo policy's options; null means their defaults (with <see cref="Forecast"/>).</summary>
    public Scaling.Policies.SloOptions? Slo { get; init; }

    /// <summary>Seed of every random draw (arrivals and service times): same seed, same result. The default is 1.</summary>
    public int Seed { get; init; } = 1;
}
