namespace OrleansServe;

/// <summary>What the scaler measured at one poll: the inputs every policy decides from.</summary>
/// <param name="ArrivalRate">Requests per second arriving at the cluster (served plus queue growth).</param>
/// <param name="ServiceMs">Mean time one request takes on one replica (one core), in milliseconds.</param>
/// <param name="QueueLength">Requests waiting across all replicas.</param>
/// <param name="CpuPercent">Mean CPU utilisation of the ready replicas, 0–100.</param>
/// <param name="ReadyReplicas">Replicas taking work now.</param>
/// <param name="StartingReplicas">Replicas asked for but not ready yet (cold start).</param>
/// <param name="StartupSeconds">The launcher's measured cold-start time of one replica.</param>
/// <param name="ServiceScv">Squared coefficient of variation of the service time (variance ÷ mean²); negative when not measured.</param>
/// <param name="ObservedP99Ms">p99 latency the replicas reported lately, in milliseconds; 0 when not measured.</param>
[GenerateSerializer, Immutable, Alias("OrleansServe.ScalingSignals")]
public sealed record ScalingSignals(
    double ArrivalRate,
    double ServiceMs,
    double QueueLength,
    double CpuPercent,
    int ReadyReplicas,
    int StartingReplicas,
    double StartupSeconds,
    double ServiceScv = -1,
    double ObservedP99Ms = 0)
{
    /// <summary>Replicas counted as current capacity: ready and starting, as Kubernetes counts a Deployment's replicas.</summary>
    public int CurrentReplicas => ReadyReplicas + StartingReplicas;
}
