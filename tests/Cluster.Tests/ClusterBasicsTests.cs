namespace OrleansServe.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterBasicsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EverySiloCanCallGrainsAndSeesEveryServer()
    {
        for (var silo = 0; silo < fixture.Cluster.Silos.Count; silo++)
        {
            var servers = await fixture.GrainsOf(silo).GetGrain<IServerRegistryGrain>(0).GetServersAsync();
            Assert.Equal(fixture.Cluster.Silos.Count, servers.Count(s => s.Healthy));
        }
    }

    [Fact]
    public async Task EachSiloRunsItsOwnServer()
    {
        var servers = await fixture.Cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync();
        Assert.All(servers, s => Assert.StartsWith(s.SiloName + "/", s.ServerId));
        Assert.Equal(servers.Count, servers.Select(s => s.SiloName).Distinct().Count());
    }

    [Fact]
    public async Task TokenRequestIsServedThroughBatcherRouterAndServer()
    {
        var request = new InferenceRequest("r1", "A", null, 10, 5, DateTime.UtcNow.AddSeconds(10));
        var response = await fixture.GrainsOf(0).GetGrain<IBatcherGrain>("A").InferAsync(request);
        Assert.Equal("r1", response.Id);
        Assert.Equal("A", response.Model);
        Assert.Contains("/", response.ServerId);
    }

    [Fact]
    public async Task LoadPredictorAnswersWithItsError()
    {
        var predictor = fixture.Cluster.Client.GetGrain<ILoadPredictorGrain>(0);

        var prediction = await predictor.PredictAsync(new LoadMix(new Dictionary<string, int> { ["C"] = 5 }, new Dictionary<string, int> { ["C"] = 1000 }));
        var error = await predictor.GetErrorAsync();

        Assert.InRange(prediction.Cpu, 0, 100);
        Assert.True(error.TrainingRows >= 1000);
        Assert.True(error.CpuMae <= 5, $"CPU MAE {error.CpuMae:0.00}");
    }
}
