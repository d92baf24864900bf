namespace OrleansServe.Hosting.Launchers;

/// <summary>Running mean of measured silo start-up times, shared by the launchers.</summary>
internal sealed class StartupClock
{
    private readonly object _lock = new();
    private double _total;
    private int _count;

    public double? MeanSeconds
    {
        get
        {
            lock (_lock)
            {
                return _count == 0 ? null : _total / _count;
            }
        }
    }

    public void Record(TimeSpan startup)
    {
        lock (_lock)
        {
            _total += startup.TotalSeconds;
            _count++;
        }
    }
}
