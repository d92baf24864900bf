using Microsoft.Extensions.DependencyInjection;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RequestsAvoidAServerThatIsBusy()
    {
        var busy = await ServerOfSiloAsync(0);
        ServerFaults.Instance.Set(busy, new ServerFault(false, FakeQueueLength: 1000));
        try
        {
            await WaitForEveryViewAsync(views => views.Any(v => v.ServerId == busy && v.Report!.QueueLength >= 1000));

            var responses = await SendAsync("A", 200);

            Assert.True(responses.Count(r => r.ServerId == busy) <= 40, $"{responses.Count(r => r.ServerId == busy)} of 200 went to the busy server");
        }
        finally
        {
            ServerFaults.Instance.Set(busy, ServerFault.None);
        }
    }

    [Fact]
    public async Task UnloadingAModelStopsItsTrafficAndLoadingBringsItBack()
    {
        var target = await ServerOfSiloAsync(1);
        var server = fixture.Cluster.Client.GetGrain<IModelServerGrain>(target);
        await server.UnloadModelAsync("B");
        try
        {
            await WaitForEveryViewAsync(views => views.Any(v => v.ServerId == target && !v.Report!.Models.Contains("B")));
            var without = await SendAsync("B", 90);
            Assert.DoesNotContain(without, r => r.ServerId == target);
        }
        finally
        {
            await server.LoadModelAsync("B");
        }
        await WaitForEveryViewAsync(views => views.Any(v => v.ServerId == target && v.Report!.Models.Contains("B")));
        // Batches are few and the others' measured times may beat the reloaded server's default: look over several rounds.
        var servedByTarget = false;
        for (var round = 0; round < 10 && !servedByTarget; round++)
        {
            servedByTarget = (await SendAsync("B", 30)).Any(r => r.ServerId == target);
        }
        Assert.True(servedByTarget, $"No request went to {target} after it loaded B again.");
    }

    [Fact]
    public async Task FailingServerIsCutOffByItsBreakerAndTakenBackWhenHealthy()
    {
        var failing = await ServerOfSiloAsync(2);
        var breaker = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<CircuitBreakers>().For(failing);
        ServerFaults.Instance.Set(failing, new ServerFault(true, 0));
        var failed = 0;
        var sent = 0;
        var sawOpen = false;
        try
        {
            for (var round = 0; round < 20 && !(sawOpen && round > 10); round++)
            {
                var (ok, errors) = await TrySendAsync("A", 20, silo: 0);
                Assert.DoesNotContain(ok, r => r.ServerId == failing);
                failed += errors;
                sent += 20;
                sawOpen |= breaker.State == CircuitState.Open;
            }
        }
        finally
        {
            ServerFaults.Instance.Set(failing, ServerFault.None);
        }
        Assert.True(sawOpen, "the breaker never opened");
        Assert.True(failed <= sent / 100, $"{failed} of {sent} requests failed");

        await Eventually.TrueAsync(async () =>
        {
            var (ok, _) = await TrySendAsync("A", 20, silo: 0);
            return ok.Any(r => r.ServerId == failing) && breaker.State == CircuitState.Closed;
        });
    }

    [Fact]
    public async Task ARequestEveryServerFailsIsTriedOncePerRetryBudgetAndNoMore()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(ServerOfSiloAsync));
        var router = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<BatchRouter>();
        var calls = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "orleansserve_router_batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref calls));
        listener.Start();
        foreach (var id in servers)
        {
            ServerFaults.Instance.Set(id, new ServerFault(true, 0));
        }

        try
        {
            var outcomes = await router.RouteAsync("A", [new InferenceRequest("budget", "A", null, 1, 0, DateTime.UtcNow.AddSeconds(20))]);

            Assert.Equal(InferenceErrorKind.Internal, outcomes[0].Error?.Kind);
            Assert.Equal(1 + 2, calls); // the first call and Router:MaxRetries (2) retries, each on another server
        }
        finally
        {
            foreach (var id in servers)
            {
                ServerFaults.Instance.Set(id, ServerFault.None);
            }
        }
    }

    private async Task<string> ServerOfSiloAsync(int silo)
    {
        var name = fixture.Cluster.Silos[silo].Name;
        var servers = await fixture.WaitForServersAsync(fixture.Cluster.Silos.Count);
        return servers.Single(s => s.SiloName == name).ServerId;
    }

    private Task WaitForEveryViewAsync(Func<IReadOnlyList<ServerView>, bool> condition) => fixture.WaitForEveryViewAsync(condition);

    private async Task<List<InferenceResponse>> SendAsync(string model, int count)
    {
        var (ok, errors) = await TrySendAsync(model, count);
        Assert.Equal(0, errors);
        return ok;
    }

    private async Task<(List<InferenceResponse> Ok, int Errors)> TrySendAsync(string model, int count, int? silo = null)
    {
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            var grains = fixture.GrainsOf(silo ?? i % fixture.Cluster.Silos.Count);
            var request = new InferenceRequest($"r{i}", model, null, 20, 5, DateTime.UtcNow.AddSeconds(10));
            try
            {
                return await grains.GetGrain<IBatcherGrain>(model).InferAsync(request);
            }
            catch (InferenceException)
            {
                return null;
            }
        });
        var results = await Task.WhenAll(tasks);
        return (results.Where(r => r is not null).Select(r => r!).ToList(), results.Count(r => r is null));
    }
}
