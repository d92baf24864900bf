namespace OrleansServe.Cluster.Tests;

public sealed class FailoverTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task KillingASiloWithWorkInFlightLosesNoRequest()
    {
        var victim = _fixture.Cluster.Silos[2];
        var driver = new LoadDriver(_fixture.GrainsOf(0), "A", tokens: 200, TimeSpan.FromSeconds(30));
        var victimServers = (await _fixture.Cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync())
            .Where(s => s.SiloName == victim.Name).Select(s => _fixture.Cluster.Client.GetGrain<IModelServerGrain>(s.ServerId)).ToList();
        var requests = Enumerable.Range(0, 500).Select(_ => driver.SendAsync()).ToList();
        // Kill it while work waits in its queue (a fixed delay could let it finish what it was sent first).
        await Eventually.TrueAsync(async () => (await Task.WhenAll(victimServers.Select(s => s.GetReportAsync()))).Any(r => r.QueueLength > 0), 10_000);

        await _fixture.Cluster.KillSiloAsync(victim);
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(driver.Failed);
        Assert.Equal(500, driver.Served.Count);
        Console.WriteLine(string.Join(", ", driver.Served.GroupBy(r => r.ServerId).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Contains(driver.Served, r => r.Retries > 0);

        await Eventually.TrueAsync(async () =>
            (await _fixture.Cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync()).All(s => s.SiloName != victim.Name), 10_000);
        var after = new LoadDriver(_fixture.GrainsOf(0), "A", tokens: 10, TimeSpan.FromSeconds(10));
        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => after.SendAsync()));
        Assert.Empty(after.Failed);
        Assert.DoesNotContain(after.Served, r => r.ServerId.StartsWith(victim.Name + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingASiloUnderLoadFailsNoRequest()
    {
        var leaving = _fixture.Cluster.Silos[2];
        var driver = new LoadDriver(_fixture.GrainsOf(0), "A", tokens: 100, TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var load = driver.RunSteadyAsync(perSecond: 100, stop.Token);
        await Task.Delay(1000);

        await _fixture.Cluster.StopSiloAsync(leaving);
        await load.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(driver.Failed);
        Assert.Contains(driver.Served, r => r.ServerId.StartsWith(leaving.Name + "/", StringComparison.Ordinal));
        await _fixture.WaitForServersAsync(2, s => s.SiloName != leaving.Name, timeoutMs: 10_000);
        await Eventually.TrueAsync(async () =>
            (await _fixture.Cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync()).All(s => s.SiloName != leaving.Name), 10_000);
    }
}
