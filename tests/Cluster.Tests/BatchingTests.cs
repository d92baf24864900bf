using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansServe.Grains.Batching;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BatchingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ConcurrentRequestsLeaveTheBatcherTogether_AtMostMaxRequestsPerCallAtATime()
    {
        var batches = new ConcurrentBag<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RoutingMetrics.MeterName && instrument.Name == "orleansserve_router_batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => batches.Add(size));
        listener.Start();
        var batcher = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Batcher>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            batcher.InferAsync("echo", new InferenceRequest($"b{i}", "echo", null, 1, 5, DateTime.UtcNow.AddSeconds(10)))));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"b{i}"), responses.Select(r => r.Response!.Id));
        Assert.Equal(40, batches.Sum());
        Assert.True(batches.Max() > 1, $"batches {string.Join(",", batches)}");
        Assert.True(batches.Max() <= new BatchingOptions().MaxRequestsPerCall, $"batches {string.Join(",", batches)}");
    }

    [Fact]
    public async Task ARequestWhoseCallerLeftIsNotSent()
    {
        var batcher = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Batcher>();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var outcome = await batcher.InferAsync("echo", new InferenceRequest("gone", "echo", null, 1, 5, DateTime.UtcNow.AddSeconds(10)), gone.Token);

        Assert.Equal(InferenceErrorKind.Cancelled, outcome.Error?.Kind);
    }
}
