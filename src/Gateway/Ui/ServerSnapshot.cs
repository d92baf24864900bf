namespace OrleansServe.Gateway.Ui;

/// <summary>One model server (the unit of capacity): its models, its own queue and workers, rates over its last report period, circuit and health.</summary>
public sealed record ServerSnapshot(
    string ServerId,
    IReadOnlyList<string> Models,
    int QueueLength,
    int InFlight,
    int Workers,
    double ExpectedWaitMs,
    double RequestsPerSecond,
    double ErrorsPerSecond,
    IReadOnlyDictionary<string, ModelSnapshot> PerModel,
    string Circuit,
    bool Healthy,
    string? Reason,
    bool Draining,
    double? ReportAgeSeconds);
