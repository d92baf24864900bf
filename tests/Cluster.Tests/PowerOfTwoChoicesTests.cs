namespace OrleansServe.Cluster.Tests;

/// <summary>
/// Power of two choices on a real cluster: two servers of equal speed and one <see cref="SlowServerFixture.Slowdown"/>
/// times slower, every one of them well within the requests' deadline (the slow one's score is tens of
/// milliseconds against 30 s), so the deadline filter leaves all three in the pool and the comparison of two random
/// candidates decides. The slow server loses every comparison it is drawn into, so it gets almost nothing (only the
/// request that measures it again after its measurement is forgotten), and each of the two others at least the third of
/// the draws it makes against the slow one. A random choice would give each a third; taking the first candidate would
/// give one server everything.
/// </summary>
public sealed class PowerOfTwoChoicesTests(SlowServerFixture fixture) : IClassFixture<SlowServerFixture>
{
    private const string Model = "B";
    private const int Tokens = 100; // 15 ms of CPU on the two, 60 ms on the slow one

    [Fact]
    public async Task TheSlowerOfThreeServersLosesTheTwoChoiceComparisonAndTheTwoOthersShareTheLoad()
    {
        var servers = await fixture.WaitForServersAsync(3);
        var slow = servers.Single(s => s.SiloName == fixture.SlowSilo).ServerId;
        // Measure every server's time for the model, so the comparison sees the slow one as slow from the start.
        await Task.WhenAll(servers.Select(s => fixture.Cluster.Client.GetGrain<IModelServerGrain>(s.ServerId).InferAsync(Model,
            [.. Enumerable.Range(0, 4).Select(i => new InferenceRequest($"warm-{s.ServerId}-{i}", Model, null, Tokens, 0, DateTime.UtcNow.AddSeconds(30)))])));
        await fixture.WaitForEveryViewAsync(views => views.All(v => v.Report!.PerModel.TryGetValue(Model, out var m) && m.EwmaMs > 0)
            && views.Where(v => v.ServerId != slow).All(v => v.Report!.PerModel[Model].EwmaMs < views.Single(s => s.ServerId == slow).Report!.PerModel[Model].EwmaMs));

        var drivers = Enumerable.Range(0, 3).Select(s => new LoadDriver(fixture.GrainsOf(s), Model, Tokens, TimeSpan.FromSeconds(30))).ToList();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        await Task.WhenAll(drivers.Select(d => d.RunSteadyAsync(perSecond: 8, stop.Token))).WaitAsync(TimeSpan.FromSeconds(90));

        var served = drivers.SelectMany(d => d.Served).ToList();
        var failed = drivers.SelectMany(d => d.Failed).ToList();
        var shares = servers.ToDictionary(s => s.ServerId, s => served.Count(r => r.ServerId == s.ServerId) / (double)served.Count);
        Console.WriteLine($"{served.Count} requests: " + string.Join(", ", shares.Select(kv => $"{kv.Key}{(kv.Key == slow ? " (slow)" : "")} {kv.Value:P0}")));
        Assert.True(failed.Count == 0, $"{failed.Count} failed, first: {failed.FirstOrDefault()}");
        // Seen: 10 % (up to 17 % on a box at load 100, where the two fast ones queue too); a random pick gave it 32 %.
        Assert.True(shares[slow] <= 0.22, $"the slow server took {shares[slow]:P0}");
        // Each fast server wins at least every draw against the slow one: a third of the picks. At this light load the two
        // fast ones' scores differ by their measured times alone, so one of them can lose every draw against the other
        // (a CI run: 24 %); with about 190 requests a third is 33 ± 10 % (three standard deviations of the draw).
        // Taking the first candidate would give one server everything, the others nothing.
        Assert.All(shares.Where(kv => kv.Key != slow), kv => Assert.True(kv.Value >= 0.20, $"{kv.Key} took {kv.Value:P0}"));
    }
}
