using System.Diagnostics;
using System.Net.Http.Headers;

namespace OrleansServe.GatewayBench;

/// <summary>
/// Load of one request kind (<paramref name="send"/>, true when served): closed loop at N concurrent callers
/// (throughput), or open loop at a fixed rate (latency). <see cref="Http"/> posts JPEG bodies to ResNet18; the gRPC
/// forms are in <see cref="GrpcInfer"/>.
/// </summary>
public sealed class ImageLoad(IReadOnlyList<byte[]> jpegs, Func<byte[], Task<bool>> send)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>JPEG bodies posted to <c>/v2/models/resnet18/infer</c>.</summary>
    public static ImageLoad Http(Uri gateway, IReadOnlyList<byte[]> jpegs) =>
        new(jpegs, image => PostAsync(new Uri(gateway, "/v2/models/resnet18/infer"), image, "image/jpeg"));

    /// <summary>The tiny path over REST: <c>{"tokens":1}</c> to echo, from this process (the gRPC tiny load's generator).</summary>
    public static ImageLoad HttpEcho(Uri gateway) =>
        new([[.. "{\"tokens\":1}"u8]], body => PostAsync(new Uri(gateway, "/v2/models/echo/infer"), body, "application/json"));

    public async Task<(double PerSecond, int Errors)> ClosedLoopAsync(int connections, TimeSpan duration)
    {
        long done = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            for (var i = c; clock.Elapsed < duration; i += connections)
            {
                if (await send(jpegs[i % jpegs.Count]))
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
        var ok = await send(image);
        return (ok, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task<bool> PostAsync(Uri url, byte[] body, string mediaType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        try
        {
            using var response = await Client.PostAsync(url, content);
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
