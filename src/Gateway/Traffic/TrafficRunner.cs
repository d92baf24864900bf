using System.Diagnostics;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Grains.Batching;

namespace OrleansServe.Gateway.Traffic;

/// <summary>
/// Runs a bounded open-loop traffic pattern over models A–D through this silo's batchers (no HTTP in between) and
/// summarises it. At most <see cref="MaxInFlight"/> requests are in flight: past that the loop waits and reports its lag.
/// </summary>
public sealed class TrafficRunner(Batcher batcher, IOptions<GatewayOptions> options, TimeProvider time)
{
    public const int MaxInFlight = 512;

    public async Task<TrafficSummary> RunAsync(TrafficPattern pattern, string name, int requests, double rate, CancellationToken cancellationToken)
    {
        var plan = TrafficPlan.Build(pattern, requests, rate, seed: Environment.TickCount);
        using var gate = new SemaphoreSlim(MaxInFlight);
        var results = new Task<(string Model, int Status, double Ms, int Retries)>[plan.Count];
        var started = Stopwatch.GetTimestamp();
        var maxLag = 0.0;
        for (var i = 0; i < plan.Count; i++)
        {
            var (atMs, model, tokens) = plan[i];
            var wait = atMs - Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
            }
            await gate.WaitAsync(cancellationToken);
            maxLag = Math.Max(maxLag, Stopwatch.GetElapsedTime(started).TotalMilliseconds - atMs);
            results[i] = SendAsync(model, tokens, gate, cancellationToken);
        }
        var done = await Task.WhenAll(results);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var ok = done.Count(r => r.Status == 200);
        return new TrafficSummary(name, requests, rate, Math.Round(elapsed, 1), Math.Round(requests / (elapsed / 1000), 1), ok, requests - ok,
            done.Sum(r => r.Retries), Math.Round(Math.Max(0, maxLag), 1),
            done.GroupBy(r => r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()),
            done.GroupBy(r => r.Model).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => ModelTrafficStats.From(g.Select(r => (r.Status, r.Ms)).ToList())));
    }

    private async Task<(string, int, double, int)> SendAsync(string model, int tokens, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var gateway = options.Value;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromMilliseconds(gateway.TimeoutMs + 500));
            var request = new InferenceRequest(Guid.NewGuid().ToString("N"), model, null, tokens, gateway.DefaultTopK, time.GetUtcNow().UtcDateTime.AddMilliseconds(gateway.TimeoutMs));
            var outcome = await batcher.InferAsync(model, request, cts.Token);
            var status = outcome.Error is { } error
                ? Problems.FromKind(error.Kind, error.Message, new DefaultHttpContext(), gateway.OverloadStatus, gateway.RetryAfterSeconds).StatusCode
                : 200;
            return (model, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome.Response?.Retries ?? 0);
        }
        catch (Exception e)
        {
            var status = Problems.From(e, new DefaultHttpContext(), gateway.OverloadStatus).StatusCode;
            return (model, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
        }
        finally
        {
            gate.Release();
        }
    }
}
