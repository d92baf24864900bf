using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansServe.Grains;
using OrleansServe.Hosting;

namespace OrleansServe.Cluster.Tests;

/// <summary>
/// The load predictor on what a real server observed: one silo (so its process's CPU is the server's own) serves a
/// mixed load of the four token models whose rates change every few seconds, with more requests a second and longer
/// requests than the synthetic rows hold; the predictor, retrained on the reports, is scored on held-back observed rows.
/// </summary>
public sealed class LoadPredictorClusterTests : IAsyncLifetime
{
    private static readonly (string Model, double MaxRate, int MaxTokens)[] Mix = [("A", 16, 1000), ("B", 6, 500), ("C", 2, 300), ("D", 0.8, 200)];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:Load"] = "A,B,C,D",
                ["Silo:Servers"] = "1",
                // Five reports a second: enough observed rows for a held-back set in 25 s.
                ["Silo:ReportMs"] = "200",
            });
            host.Services.AddOrleansServeGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddOrleansServePlacement().AddMemoryGrainStorage("scaler"));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await Eventually.TrueAsync(async () => (await _cluster.Client.GetGrain<IServerRegistryGrain>(0).GetServersAsync())
            .Any(s => s.Healthy && s.Report is { } r && Mix.All(m => r.Models.Contains(m.Model))));
    }

    [Fact]
    public async Task RetrainedOnObservedReportsItsErrorOnHeldBackObservedRowsIsBounded()
    {
        var predictor = _cluster.Client.GetGrain<ILoadPredictorGrain>(0);
        await predictor.GetErrorAsync(); // the first training (synthetic rows) is done and no longer burns CPU under the load

        var (sent, failed) = await RunMixedLoadAsync(TimeSpan.FromSeconds(25));
        var error = await predictor.RetrainAsync();

        Console.WriteLine($"{sent} requests ({failed} failed); {error.RealRows} observed rows, {error.TrainingRows} training rows; "
            + $"MAE on held-back observed rows: CPU {error.CpuMae:0.0} points, memory {error.MemoryMae:0.00} points, latency {error.LatencyMaeMs:0.0} ms");
        Assert.True(error.RealRows >= 50, $"only {error.RealRows} observed rows"); // ≥ 10 held back: the error is the observed rows'
        // Measured on a loaded 2-core box: CPU 5–7.5 points, memory 0.3–0.4, latency 105–192 ms (wall times of CPU burns
        // on a crowded machine); in CI, after the other cluster tests in the same process, memory read 1.16 once (this
        // process's heap is the server's memory here), and CPU 15.4 once with a CI run beside it. Trained on the synthetic rows alone: memory 2.25–2.37 points off,
        // latency 233–261 ms, CPU about the same (the simulated models burn what their formula says), so memory is what
        // shows the observed rows were learnt.
        Assert.InRange(error.CpuMae, 0, 25);
        Assert.InRange(error.MemoryMae, 0, 2);
        Assert.InRange(error.LatencyMaeMs, 0, 300);
    }

    /// <summary>Open loop through the silo's batchers: every 3 s each model gets a new random rate, each request a random length.</summary>
    private async Task<(int Sent, int Failed)> RunMixedLoadAsync(TimeSpan duration)
    {
        var grains = _cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
        var random = new Random(17);
        var requests = new List<Task<bool>>();
        var rates = new double[Mix.Length];
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var phase = -1;
        while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            if ((int)(clock.Elapsed.TotalSeconds / 3) != phase)
            {
                phase = (int)(clock.Elapsed.TotalSeconds / 3);
                for (var m = 0; m < Mix.Length; m++)
                {
                    rates[m] = random.Next(4) == 0 ? 0 : random.NextDouble() * Mix[m].MaxRate;
                }
            }
            for (var m = 0; m < Mix.Length; m++)
            {
                if (random.NextDouble() < rates[m] * 0.05)
                {
                    var (model, _, maxTokens) = Mix[m];
                    var request = new InferenceRequest($"mix-{requests.Count}", model, null, random.Next(20, maxTokens), 0, DateTime.UtcNow.AddSeconds(20));
                    requests.Add(SendAsync(grains, request));
                }
            }
        }
        var outcomes = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));
        return (outcomes.Length, outcomes.Count(ok => !ok));
    }

    private static async Task<bool> SendAsync(IGrainFactory grains, InferenceRequest request)
    {
        try
        {
            await grains.GetGrain<IBatcherGrain>(request.Model).InferAsync(request);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
