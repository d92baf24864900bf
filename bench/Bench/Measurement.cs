using System.Diagnostics;

namespace OrleansServe.Bench;

/// <summary>One timed run: images per wall second, and images per second of this process's CPU time (steadier when other processes share the cores).</summary>
internal sealed record Measurement(double ImagesPerSecond, double ImagesPerCpuSecond)
{
    public static async Task<Measurement> TimeAsync(int images, Func<Task> run)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await run();
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return new Measurement(images / wall, images / cpu);
    }
}
