namespace OrleansServe;

/// <summary>
/// What a model server reports to the registry every second. <paramref name="CpuSeconds"/> is the CPU time its silo
/// process has used since it started, all cores together.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ServerLoadReport")]
public sealed record ServerLoadReport(
    string ServerId,
    string SiloName,
    string SiloAddress,
    IReadOnlyList<string> Models,
    int QueueLength,
    int InFlight,
    double ExpectedWaitMs,
    double CpuPercent,
    double MemoryMb,
    int Cores,
    IReadOnlyDictionary<string, ModelStats> PerModel,
    bool Draining,
    DateTime TimestampUtc,
    double CpuSeconds = 0);
