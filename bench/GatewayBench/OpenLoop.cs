using System.Diagnostics;

namespace OrleansServe.GatewayBench;

/// <summary>
/// Open-loop load: requests leave at a fixed rate whether or not earlier ones have answered (as perf_analyzer's
/// request-rate mode and wrk2 do), so a slow server meets the same arrivals instead of slowing its own load.
/// Each latency runs from the moment its request left.
/// </summary>
public static class OpenLoop
{
    public static async Task<Latencies> RunAsync(Func<Task<int>> send, double rate, TimeSpan duration)
    {
        var tasks = new List<Task<(int, double)>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due >= duration)
            {
                break;
            }
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            tasks.Add(TimedAsync(send));
        }
        var sent = clock.Elapsed;
        return new Latencies(await Task.WhenAll(tasks), sent);
    }

    public static async Task<(int Status, double Ms)> TimedAsync(Func<Task<int>> send)
    {
        var started = Stopwatch.GetTimestamp();
        var status = await send();
        return (status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
