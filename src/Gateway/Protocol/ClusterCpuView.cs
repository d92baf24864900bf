namespace OrleansServe.Gateway.Protocol;

/// <summary>
/// <c>GET /api/cluster/cpu</c>: core-seconds used by the serving silos since each started (silos that left keep
/// counting what they used), and how many silo processes that covers.
/// </summary>
public sealed record ClusterCpuView(double CoreSeconds, int Silos);
