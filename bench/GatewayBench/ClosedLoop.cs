using System.Diagnostics;

namespace OrleansServe.GatewayBench;

/// <summary>Closed-loop load: each of N callers sends its next request as soon as its last one answered.</summary>
public static class ClosedLoop
{
    public static async Task<Latencies> RunAsync(Func<Task<int>> send, int connections, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<(int, double)>();
            while (clock.Elapsed < duration)
            {
                mine.Add(await OpenLoop.TimedAsync(send));
            }
            return mine;
        }));
        return new Latencies(results.SelectMany(r => r), clock.Elapsed);
    }
}
