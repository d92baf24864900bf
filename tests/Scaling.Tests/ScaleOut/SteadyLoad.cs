using System.Collections.Concurrent;

namespace OrleansServe.Scaling.Tests.ScaleOut;

/// <summary>Open-loop token requests (25 s deadline: under Orleans' 30 s response timeout) through a silo's batcher (the gateway's path), at a rate that can be changed while it runs.</summary>
public sealed class SteadyLoad(IGrainFactory grains, string model, int tokens)
{
    private int _next;

    public double PerSecond { get; set; }

    public ConcurrentQueue<(DateTime At, string ServerId)> Served { get; } = new();

    public ConcurrentQueue<(DateTime At, Exception Error)> Failed { get; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        var inFlight = new List<Task>();
        var due = DateTime.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            if (PerSecond <= 0)
            {
                await Task.Delay(50, CancellationToken.None);
                due = DateTime.UtcNow;
                continue;
            }
            while (due <= DateTime.UtcNow)
            {
                inFlight.Add(SendAsync());
                due += TimeSpan.FromSeconds(1 / PerSecond);
            }
            await Task.Delay(5, CancellationToken.None);
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync()
    {
        var id = Interlocked.Increment(ref _next);
        var request = new InferenceRequest($"scale-{id}", model, null, tokens, 1, DateTime.UtcNow.AddSeconds(25));
        try
        {
            var response = await grains.GetGrain<IBatcherGrain>(model).InferAsync(request);
            Served.Enqueue((DateTime.UtcNow, response.ServerId));
        }
        catch (Exception ex)
        {
            Failed.Enqueue((DateTime.UtcNow, ex));
        }
    }
}
