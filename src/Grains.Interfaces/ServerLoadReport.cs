namespace OrleansServe;

/// <summary>
/// What a model server reports to the registry every second. A server is the unit of capacity: its queue, work in
/// flight, expected wait and <paramref name="Workers"/> are its own lane's, not its silo's, so summing reports counts
/// each request once. <paramref name="CpuPercent"/>, <paramref name="MemoryMb"/>, <paramref name="Cores"/> and
/// <paramref name="CpuSeconds"/> (CPU time since start, all cores together) are its silo process's.
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
    double CpuSeconds = 0,
    int Workers = 0);
