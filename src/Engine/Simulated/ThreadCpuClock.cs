using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrleansServe.Engine.Simulated;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so a burn lasts its CPU budget
/// even when the thread is preempted on a busy machine. Falls back to wall time where the clock is unavailable.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>True when readings are this thread's CPU time rather than the wall-clock fallback.</summary>
    public static bool MeasuresThreadCpuTime => Available;

    /// <summary>Milliseconds of CPU time this thread has used (or wall milliseconds without the clock).</summary>
    public static double NowMs()
    {
        if (Available && clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
        }
        return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
    }

    private static bool Probe()
    {
        try
        {
            return clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
