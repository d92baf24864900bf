using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansServe.Grains;
using OrleansServe.Hosting;

namespace OrleansServe.Cluster.Tests;

/// <summary>
/// A model server is the unit of capacity: on a silo running two servers of one worker each, each server reports its
/// own queue (their sum is the silo's queue, counted once), and draining one hands back only its own queued work.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CapacityUnitTests : IAsyncLifetime
{
    // 50 ms + 1 ms a token: 3000 tokens keep a worker busy for about three seconds, so the queues hold still while the
    // test reads them. The two workers burn both cores of a 2-core machine, which can starve the test's own polling for a
    // second (1000 tokens left too short a window on a CI run). In the cluster collection, so its burns never run
    // beside the other tests.
    private const string Model = "D";
    private const int Tokens = 3000;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:Load"] = Model,
                ["Silo:Servers"] = "2",
                ["Engine:Workers"] = "1",
            });
            host.Services.AddOrleansServeGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddOrleansServePlacement().AddMemoryGrainStorage("scaler"));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await Eventually.TrueAsync(async () => (await _cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync())
            .Count(s => s.Healthy && s.Report is { } r && r.Models.Contains(Model)) == 2);
    }

    [Fact]
    public async Task TwoServersOnASiloReportTheirQueuesOnceAndDrainingOneHandsBackOnlyItsWork()
    {
        var servers = (await _cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync()).Select(s => s.ServerId).Order(StringComparer.Ordinal).ToList();
        var (first, second) = (_cluster.Client.GetGrain<IModelServerGrain>(servers[0]), _cluster.Client.GetGrain<IModelServerGrain>(servers[1]));

        var onFirst = first.InferAsync(Model, Batch(4));
        var onSecond = second.InferAsync(Model, Batch(2));

        // One request runs on each server's worker; the rest wait in that server's own queue.
        await Eventually.TrueAsync(async () => (await first.GetReportAsync()).QueueLength == 3 && (await second.GetReportAsync()).QueueLength == 1);
        var reports = new[] { await first.GetReportAsync(), await second.GetReportAsync() };
        Assert.All(reports, r => Assert.Equal(1, r.Workers));
        Assert.Equal(4, reports.Sum(r => r.QueueLength));

        await first.DrainAsync();

        var drained = await onFirst;
        var untouched = await onSecond;
        Assert.Equal(3, drained.Count(o => o.Error?.Kind == InferenceErrorKind.Draining));
        Assert.Equal(1, drained.Count(o => o.Response is not null)); // the one running when the drain began finished
        Assert.All(untouched, o => Assert.NotNull(o.Response));
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private static InferenceRequest[] Batch(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InferenceRequest($"r{i}-{Guid.NewGuid():N}", Model, null, Tokens, 0, DateTime.UtcNow.AddMinutes(1)))];
}
