namespace OrleansServe.Gateway.Protocol;

/// <summary>
/// One model server as <c>GET /api/servers</c> shows it: where it runs, its models, its own load and workers (a server
/// is the unit of capacity), its silo's CPU, memory and cores, its circuit and health.
/// </summary>
public sealed record ServerInfo(
    string ServerId,
    string Silo,
    string SiloAddress,
    bool Healthy,
    string? Reason,
    string Circuit,
    IReadOnlyList<string> Models,
    int QueueLength,
    int InFlight,
    double ExpectedWaitMs,
    double CpuPercent,
    double MemoryMb,
    int Cores,
    int Workers,
    bool Draining,
    DateTime? ReportedUtc,
    IReadOnlyDictionary<string, ModelStats> PerModel)
{
    public static ServerInfo From(ServerView view, CircuitState circuit)
    {
        var r = view.Report;
        return new ServerInfo(view.ServerId, view.SiloName, view.SiloAddress, view.Healthy, view.Reason, circuit.ToString(),
            r?.Models ?? [], r?.QueueLength ?? 0, r?.InFlight ?? 0, r?.ExpectedWaitMs ?? 0, r?.CpuPercent ?? 0, r?.MemoryMb ?? 0,
            r?.Cores ?? 0, r?.Workers ?? 0, r?.Draining ?? false, r?.TimestampUtc, r?.PerModel ?? new Dictionary<string, ModelStats>());
    }
}
