using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansServe.Engine;
using OrleansServe.Grains;
using OrleansServe.Grains.Routing;
using OrleansServe.Hosting;

namespace OrleansServe.Cluster.Tests;

/// <summary>An in-process cluster of <see cref="Silos"/> OrleansServe silos, each with one model server loading the token models.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        // The cheap token models: three silos in one process on two cores.
        ["Models:Load"] = "A,B,echo",
        ["Silo:Servers"] = "1",
        ["Router:FailureThreshold"] = "3",
        ["Router:OpenMs"] = "1000",
    };

    protected virtual short Silos => 3;

    /// <summary>Settings of one silo on top of <see cref="Settings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingsOf(string siloName) => new Dictionary<string, string?>();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((silo, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings);
            host.Configuration.AddInMemoryCollection(SettingsOf(silo.SiloName));
            host.Services.AddOrleansServeGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddOrleansServePlacement().AddMemoryGrainStorage("scaler")
            .AddIncomingGrainCallFilter(ServerFaults.Instance).AddOutgoingGrainCallFilter(ServerFaults.Instance));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForServersAsync(Silos);
        // Healthy is not enough: a server reports its models as they finish loading, and until then traffic skips it.
        var models = Settings["Models:Load"]!.Split(',');
        await WaitForEveryViewAsync(views => views.Count(v => v.Healthy && v.Report is { } r && models.All(r.Models.Contains)) == Silos);
    }

    /// <summary>Waits until every silo's cached routing view satisfies <paramref name="condition"/>.</summary>
    public Task WaitForEveryViewAsync(Func<IReadOnlyList<ServerView>, bool> condition) =>
        Eventually.TrueAsync(() => Task.FromResult(Cluster.Silos.All(s =>
            condition(s.ServiceProvider.GetRequiredService<ServerViewCache>().Servers))));

    /// <summary>The grain factory of a silo, as the co-hosted gateway uses it (calls start inside the cluster).</summary>
    public IGrainFactory GrainsOf(int silo) => Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>();

    public async Task<IReadOnlyList<ServerView>> WaitForServersAsync(int count, Func<ServerView, bool>? predicate = null, int timeoutMs = 20_000)
    {
        var registry = Cluster.Client.GetGrain<IServerRegistryGrain>(0);
        var result = await Eventually.ValueAsync(async () =>
        {
            var servers = await registry.GetServersAsync();
            var matching = servers.Where(s => s.Healthy && (predicate?.Invoke(s) ?? true)).ToList();
            return matching.Count == count ? servers : null;
        }, timeoutMs);
        return result;
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
