using System.Diagnostics;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// The silo process's load as its model servers report it: CPU % (all cores = 100 %) since the previous reading,
/// its CPU time and its working set, read once a report period (<see cref="SiloSettings.ReportMs"/>).
/// </summary>
internal sealed class ProcessLoad(IOptions<SiloSettings> settings)
{
    private readonly object _lock = new();
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastTicks = Stopwatch.GetTimestamp();
    private double _cpuPercent;

    /// <summary>How often each server reports (and so reads this).</summary>
    public TimeSpan ReportPeriod => TimeSpan.FromMilliseconds(settings.Value.ReportMs);

    public double CpuPercent()
    {
        lock (_lock)
        {
            var elapsed = Stopwatch.GetElapsedTime(_lastTicks);
            if (elapsed < TimeSpan.FromMilliseconds(250))
            {
                return _cpuPercent;
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            _cpuPercent = Math.Clamp((cpu - _lastCpu).TotalMilliseconds / (elapsed.TotalMilliseconds * Environment.ProcessorCount) * 100, 0, 100);
            _lastCpu = cpu;
            _lastTicks = Stopwatch.GetTimestamp();
            return _cpuPercent;
        }
    }

    /// <summary>CPU time this process has used since it started, all cores together.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static double MemoryMb() => Environment.WorkingSet / (1024.0 * 1024.0);
}
