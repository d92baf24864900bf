namespace OrleansServe.Grains.Servers;

/// <summary>
/// One model's figures on one server: counts since the last report, per-request time EWMA, and recent latencies for
/// p50/p99. The EWMA is forgotten after <see cref="ForgetAfterQuietReports"/> reports without a request: routing
/// avoids a server whose measurement is high, so a measurement taken in a bad moment (a burst, a stall) would never
/// be taken again, and a server back from an outage stayed without traffic while the others were lightly loaded.
/// Unmeasured, it is scored at the others' fastest time, gets a request and is measured afresh.
/// </summary>
internal sealed class ModelStatsWindow
{
    public const int ForgetAfterQuietReports = 5;
    private const double Alpha = 0.2;
    private const int Recent = ModelStats.RecentRequests;
    private readonly double[] _latencies = new double[Recent];
    private int _next;
    private int _filled;
    private long _requests;
    private long _errors;
    private long _tokens;
    private double _ewmaMs;
    private int _quietReports;

    public void Served(int tokens, double perRequestMs, double latencyMs)
    {
        _requests++;
        _tokens += tokens;
        _ewmaMs = _ewmaMs == 0 ? perRequestMs : (Alpha * perRequestMs) + ((1 - Alpha) * _ewmaMs);
        _latencies[_next] = latencyMs;
        _next = (_next + 1) % Recent;
        _filled = Math.Min(_filled + 1, Recent);
    }

    public void Failed() => _errors++;

    /// <summary>The figures so far, without resetting the counts.</summary>
    public ModelStats Peek() => new(_requests, _errors, _tokens, _ewmaMs, Percentile(0.99), Percentile(0.50));

    /// <summary>The figures since the previous call (counts reset; EWMA and latencies carry over).</summary>
    public ModelStats TakeReport()
    {
        _quietReports = _requests == 0 ? _quietReports + 1 : 0;
        if (_quietReports >= ForgetAfterQuietReports)
        {
            _ewmaMs = 0;
        }

        var stats = Peek();
        _requests = 0;
        _errors = 0;
        _tokens = 0;
        return stats;
    }

    private double Percentile(double q)
    {
        if (_filled == 0)
        {
            return 0;
        }

        var sorted = _latencies.AsSpan(0, _filled).ToArray();
        Array.Sort(sorted);
        return Percentiles.NearestRank(sorted, q);
    }
}
