using System.Diagnostics;

namespace OrleansServe.Cluster.Tests;

/// <summary>
/// The registry's health check on a real cluster: a server that stops answering is marked unhealthy with a reason
/// within 10 s (5 s without a report, or a failed 5-second ping), gets no new traffic while it stays so, and no
/// request fails meanwhile; once it answers again it is healthy and takes traffic.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HealthCheckTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(true)] // stuck: neither answers nor reports, as a blocked activation
    [InlineData(false)] // cut off: its reports still arrive, but nothing reaches it
    public async Task AServerThatStopsAnsweringIsTakenOutWithinTenSecondsAndComesBackWhenItAnswers(bool silent)
    {
        var target = await ServerOfSiloAsync(2);
        var registry = fixture.Cluster.Client.GetGrain<IServerRegistryGrain>(0);
        var drivers = Enumerable.Range(0, 3).Select(s => new LoadDriver(fixture.GrainsOf(s), "A", tokens: 20, TimeSpan.FromSeconds(20))).ToList();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(drivers.Select(d => d.RunSteadyAsync(perSecond: 10, stop.Token)));
        try
        {
            await Task.Delay(1000);
            ServerFaults.Instance.Set(target, new ServerFault(false, 0, Hang: true, Silent: silent));
            var clock = Stopwatch.StartNew();

            var marked = await Eventually.ValueAsync(async () => (await registry.GetServersAsync()).SingleOrDefault(s => s.ServerId == target && !s.Healthy),
                timeoutMs: 10_000);
            Console.WriteLine($"{target} (silent: {silent}) marked unhealthy after {clock.ElapsedMilliseconds} ms: {marked.Reason}");
            Assert.False(string.IsNullOrEmpty(marked.Reason));

            // Every silo's view follows within a refresh; from then on nothing new reaches the server.
            await fixture.WaitForEveryViewAsync(views => views.Any(v => v.ServerId == target && !v.Healthy));
            await Task.Delay(500);
            var callsBefore = ServerFaults.Instance.InferCalls(target);
            for (var i = 0; i < 12; i++)
            {
                await Task.Delay(500);
                var view = (await registry.GetServersAsync()).Single(s => s.ServerId == target);
                Assert.False(view.Healthy, $"{target} was healthy again {clock.ElapsedMilliseconds} ms after it stopped answering");
            }
            Assert.Equal(callsBefore, ServerFaults.Instance.InferCalls(target));

            var servedBefore = drivers.Sum(d => ServedBy(d, target));
            ServerFaults.Instance.Set(target, ServerFault.None);
            var answering = Stopwatch.StartNew();
            await Eventually.TrueAsync(async () => (await registry.GetServersAsync()).Any(s => s.ServerId == target && s.Healthy), 15_000);
            Console.WriteLine($"{target} healthy again {answering.ElapsedMilliseconds} ms after it answered");
            // Back in every view; its measured time from before may be stale, yet it must take traffic again.
            await Eventually.TrueAsync(() => Task.FromResult(drivers.Sum(d => ServedBy(d, target)) > servedBefore), 10_000);
            Console.WriteLine($"{target} served again {answering.ElapsedMilliseconds} ms after it answered");
        }
        finally
        {
            ServerFaults.Instance.Set(target, ServerFault.None);
            await stop.CancelAsync();
            await load.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var failures = drivers.SelectMany(d => d.Failed).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} requests failed, first: {failures.FirstOrDefault()}");
        Console.WriteLine($"served {drivers.Sum(d => d.Served.Count)}, retried {drivers.Sum(d => d.Served.Count(r => r.Retries > 0))}");
    }

    private static int ServedBy(LoadDriver driver, string serverId)
    {
        lock (driver.Served)
        {
            return driver.Served.Count(r => r.ServerId == serverId);
        }
    }

    private async Task<string> ServerOfSiloAsync(int silo)
    {
        var name = fixture.Cluster.Silos[silo].Name;
        var servers = await fixture.WaitForServersAsync(fixture.Cluster.Silos.Count);
        return servers.Single(s => s.SiloName == name).ServerId;
    }
}
