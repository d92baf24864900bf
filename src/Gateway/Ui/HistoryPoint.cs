namespace OrleansServe.Gateway.Ui;

/// <summary>One second of the charts, kept for ten minutes so a page opened late starts with full charts.</summary>
/// <param name="T">Unix time in milliseconds.</param>
/// <param name="Models">Per model: requests/s, errors/s, average and p99 latency.</param>
/// <param name="Queues">Queue length per server.</param>
/// <param name="Replicas">Model servers taking work (healthy, not draining).</param>
/// <param name="Silos">Active silos.</param>
/// <param name="Cpu">CPU % per silo (of its cores) from its servers' latest report; silos without a server are absent.</param>
/// <param name="Mem">Working set in MB per silo, likewise.</param>
public sealed record HistoryPoint(
    long T,
    IReadOnlyDictionary<string, ModelPoint> Models,
    IReadOnlyDictionary<string, int> Queues,
    int Replicas,
    int Silos,
    IReadOnlyDictionary<string, double> Cpu,
    IReadOnlyDictionary<string, double> Mem);

/// <summary>A model's chart values for one second (short names: 600 of them go to every new page).</summary>
public sealed record ModelPoint(double R, double E, double? P50, double? P99);
