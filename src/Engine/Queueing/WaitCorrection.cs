namespace OrleansServe.Engine.Queueing;

/// <summary>
/// How much longer requests really waited in a lane than the expected wait they were admitted on: the 95th percentile
/// of actual ÷ expected over the last <see cref="Window"/> requests admitted behind at least <see cref="MinExpectedMs"/>
/// of work. Admission multiplies its estimate by it, so that the admitted requests' waits stay within
/// <c>Engine:MaxQueueWaitMs</c> in the tail, not only on average (batches wider or slower than the measured cost per
/// request stretch some waits). Clamped to [1, 2]; 1 until a request has been seen.
/// </summary>
internal sealed class WaitCorrection
{
    public const double MinExpectedMs = 50;
    private const int Window = 64;
    private const double Quantile = 0.95;
    private readonly Lock _lock = new();
    private readonly double[] _ratios = new double[Window];
    private readonly double[] _sorted = new double[Window];
    private int _count;
    private int _next;
    private double _factor = 1;

    public double Factor => Volatile.Read(ref _factor);

    /// <summary>A request that waited <paramref name="actualMs"/> after being admitted on <paramref name="expectedMs"/>.</summary>
    public void Observe(double expectedMs, double actualMs)
    {
        if (expectedMs < MinExpectedMs)
        {
            return;
        }

        lock (_lock)
        {
            _ratios[_next] = actualMs / expectedMs;
            _next = (_next + 1) % Window;
            _count = Math.Min(_count + 1, Window);
            Array.Copy(_ratios, _sorted, _count);
            Array.Sort(_sorted, 0, _count);
            Volatile.Write(ref _factor, Math.Clamp(Percentiles.NearestRank(_sorted.AsSpan(0, _count), Quantile), 1, 2));
        }
    }
}
