namespace OrleansServe.GatewayBench;

/// <summary>
/// What a load run saw: the latencies of its 2xx answers (milliseconds, sorted), the requests shed with 429/503,
/// the other failures (other statuses, connection errors) and how long it ran.
/// </summary>
public sealed class Latencies
{
    private readonly double[] _ok;

    public Latencies(IEnumerable<(int Status, double Ms)> results, TimeSpan elapsed)
    {
        var all = results.ToList();
        _ok = all.Where(r => r.Status is >= 200 and < 300).Select(r => r.Ms).Order().ToArray();
        Shed = all.Count(r => r.Status is 429 or 503);
        Failed = all.Count - _ok.Length - Shed;
        Elapsed = elapsed;
    }

    public int Ok => _ok.Length;

    public int Shed { get; }

    public int Failed { get; }

    public TimeSpan Elapsed { get; }

    public double PerSecond => Ok / Elapsed.TotalSeconds;

    public double Mean => _ok.Length == 0 ? double.NaN : _ok.Average();

    public double Max => _ok.Length == 0 ? double.NaN : _ok[^1];

    public double Min => _ok.Length == 0 ? double.NaN : _ok[0];

    public double Percentile(double q) => Percentiles.OrNull(_ok, q) ?? double.NaN;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);
}
