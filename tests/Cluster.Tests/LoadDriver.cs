namespace OrleansServe.Cluster.Tests;

/// <summary>Sends token requests through a silo's batcher, as the co-hosted gateway does, and tallies the outcomes.</summary>
public sealed class LoadDriver(IGrainFactory grains, string model, int tokens, TimeSpan deadline)
{
    private int _next;

    public List<InferenceResponse> Served { get; } = [];

    public List<Exception> Failed { get; } = [];

    public async Task SendAsync()
    {
        var id = Interlocked.Increment(ref _next);
        var request = new InferenceRequest($"req-{id}", model, null, tokens, 5, DateTime.UtcNow + deadline);
        try
        {
            var response = await grains.GetGrain<IBatcherGrain>(model).InferAsync(request);
            lock (Served)
            {
                Served.Add(response);
            }
        }
        catch (Exception ex)
        {
            lock (Failed)
            {
                Failed.Add(ex);
            }
        }
    }

    /// <summary>Open loop: sends at <paramref name="perSecond"/> until <paramref name="stop"/> fires, then waits for every answer.</summary>
    public async Task RunSteadyAsync(int perSecond, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                inFlight.Add(SendAsync());
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(inFlight);
    }
}
