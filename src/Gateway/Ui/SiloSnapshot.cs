namespace OrleansServe.Gateway.Ui;

/// <summary>A silo as the ops page shows it; CPU and memory come from its servers' reports (one process per silo).</summary>
public sealed record SiloSnapshot(
    string Name,
    string Address,
    string Status,
    int Cores,
    double? CpuPercent,
    double? MemoryMb,
    IReadOnlyList<ServerSnapshot> Servers);
