using System.Diagnostics;
using System.Net.Http.Headers;

namespace OrleansServe.GatewayBench;

/// <summary>HTTP load with JPEG bodies: closed loop at N connections (throughput), or open loop at a fixed rate (latency).</summary>
public sealed class ImageLoad(Uri gateway, IReadOnlyList<byte[]> jpegs)
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<(double PerSecond, int Errors)> ClosedLoopAsync(int connections, TimeSpan duration)
    {
        long done = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            for (var i = c; clock.Elapsed < duration; i += connections)
            {
                if (await SendAsync(jpegs[i % jpegs.Count]))
                {
                    Interlocked.Increment(ref done);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (done / clock.Elapsed.TotalSeconds, errors);
    }

    public async Task<(double P50, double P99, int Sent, int Errors)> OpenLoopAsync(double rate, TimeSpan duration)
    {
        var tasks = new List<Task<(bool Ok, double Ms)>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var image = jpegs[i % jpegs.Count];
            tasks.Add(TimedAsync(image));
        }
        var results = await Task.WhenAll(tasks);
        var ok = results.Where(r => r.Ok).Select(r => r.Ms).Order().ToArray();
        return (Percentile(ok, 0.50), Percentile(ok, 0.99), results.Length, results.Count(r => !r.Ok));
    }

    private async Task<(bool, double)> TimedAsync(byte[] image)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = await SendAsync(image);
        return (ok, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<bool> SendAsync(byte[] image)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        try
        {
            using var response = await _client.PostAsync("/v2/models/resnet18/infer", content);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
