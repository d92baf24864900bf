using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansServe.GatewayBench;

/// <summary>HTTP load with JPEG bodies on <c>/v2/models/resnet18/infer</c>: closed loop at N connections, or open loop at a rate.</summary>
public sealed partial class ImageLoad(Uri gateway, IReadOnlyList<byte[]> jpegs)
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private int _next;

    /// <summary>The engine's own account of each answered request (its response's parameters), in the order they answered.</summary>
    public ConcurrentQueue<EngineTimings> Engine { get; } = new();

    /// <summary>Each connection sends its next request as soon as its last one answered.</summary>
    public Task<Latencies> ClosedLoopAsync(int connections, TimeSpan duration) => ClosedLoop.RunAsync(SendAsync, connections, duration);

    public Task<Latencies> OpenLoopAsync(double rate, TimeSpan duration) => OpenLoop.RunAsync(SendAsync, rate, duration);

    /// <summary>Sends the next JPEG; its HTTP status, 0 when the connection failed.</summary>
    public async Task<int> SendAsync()
    {
        using var content = new ByteArrayContent(jpegs[Interlocked.Increment(ref _next) % jpegs.Count]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        try
        {
            using var response = await _client.PostAsync("/v2/models/resnet18/infer", content);
            var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            if (response.IsSuccessStatusCode && Timings().Match(body) is { Success: true } match)
            {
                Engine.Enqueue(new EngineTimings(int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture),
                    double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    // The convenience form's "timings": {"queueMs", "inferenceMs", "totalMs", "batchSize", "retries"}.
    [GeneratedRegex(@"""queueMs"":([0-9.Ee+-]+),""inferenceMs"":([0-9.Ee+-]+),""totalMs"":[0-9.Ee+-]+,""batchSize"":(\d+)")]
    private static partial Regex Timings();
}

/// <summary>What the engine reported for one request: the size of the batch it ran in, its wait in the queue and the batch's compute time.</summary>
public sealed record EngineTimings(int BatchSize, double QueueMs, double InferenceMs);
