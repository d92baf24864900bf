using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Core.Internal;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansServe.Grains;
using OrleansServe.Hosting;
using OrleansServe.Scaling.Tests.ScaleOut;

namespace OrleansServe.Scaling.Tests;

/// <summary>
/// The scaler grain in a one-silo test cluster with no launcher: the fast level of scaling (a second model server on
/// the silo's spare core), pinning, policy switching and the history, through <see cref="IScalerGrain"/> as the
/// gateway's endpoints will call it.
/// </summary>
public sealed class ScalerGrainTests : IAsyncLifetime
{
    private readonly LogLines _log = new();
    private InProcessTestCluster _cluster = null!;

    private IScalerGrain Scaler => _cluster.Client.GetGrain<IScalerGrain>(0);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:Load:0"] = "A",
                ["Silo:Servers"] = "1",
                ["Scaling:Enabled"] = "true",
                ["Scaling:Launcher"] = "none",
                ["Scaling:MaxReplicas"] = "3",
                ["Scaling:MaxReplicasPerSilo"] = "2",
                ["Scaling:Slo:DownStabilizationSeconds"] = "2",
            });
            host.Services.AddOrleansServeGrainServices(host.Configuration);
            host.Logging.AddProvider(_log);
        });
        builder.ConfigureSilo((_, silo) => silo.AddOrleansServePlacement().AddMemoryGrainStorage("scaler"));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await Until(async () => (await Scaler.GetStatusAsync()).CurrentReplicas == 1);
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task APinStartsAServerOnASpareCoreAndUnpinningDrainsIt()
    {
        var status = await Scaler.GetStatusAsync();
        Assert.Equal(("slo", "none", true), (status.Policy, status.Launcher, status.Enabled));

        await Scaler.PinAsync(2);
        await Until(async () => (await Scaler.GetStatusAsync()).CurrentReplicas == 2);
        var up = (await Scaler.GetHistoryAsync()).First(d => d.Direction == ScalingDirection.Up);
        Assert.Equal(2, up.Target);
        Assert.Contains(up.Actions, a => a.StartsWith("start server ", StringComparison.Ordinal) && a.EndsWith("/1", StringComparison.Ordinal));

        await Scaler.PinAsync(null);
        await Until(async () => (await Scaler.GetStatusAsync()).CurrentReplicas == 1);
        var down = (await Scaler.GetHistoryAsync()).First(d => d.Direction == ScalingDirection.Down);
        Assert.Contains(down.Actions, a => a.StartsWith("drain server ", StringComparison.Ordinal) && a.EndsWith("/1", StringComparison.Ordinal));
        Assert.Null((await Scaler.GetStatusAsync()).PinnedReplicas);
    }

    [Fact]
    public async Task ATargetItCannotReachIsLoggedOnceNotEveryPoll()
    {
        // One silo, two cores, no launcher: the third replica cannot start, and the scaler decides so every second.
        await Scaler.PinAsync(3);
        await Until(async () => (await Scaler.GetHistoryAsync()).Count(d => d.Actions.Contains("no spare core and no launcher for the rest")) >= 4);

        var ups = _log.Lines.Where(l => l.Contains("Scaling slo: Up", StringComparison.Ordinal)).ToList();
        Assert.True(ups.Count is >= 1 and <= 2, $"{ups.Count} information lines for the same decision:\n{string.Join("\n", ups)}");
    }

    [Fact]
    public async Task PolicyAndPinAreValidated()
    {
        await Scaler.SetPolicyAsync("hpa90");
        Assert.Equal("hpa90", (await Scaler.GetStatusAsync()).Policy);
        await Assert.ThrowsAsync<ArgumentException>(() => Scaler.SetPolicyAsync("magic"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Scaler.PinAsync(5));
    }

    [Fact]
    public async Task TheScalerComesBackAfterItsActivationIsLost()
    {
        // Orleans deactivates an activation whose grain-directory entry lived on a silo that left; nothing calls the
        // scaler from outside, so only the silo's keeper can bring it back and its polls resume.
        await Scaler.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var lost = DateTime.UtcNow;

        await Task.Delay(TimeSpan.FromSeconds(5));

        var newest = (await Scaler.GetHistoryAsync(1)).Single();
        Assert.True(newest.TimestampUtc > lost.AddSeconds(1), $"The newest decision is from {newest.TimestampUtc:O}; the activation was lost at {lost:O}.");
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("Condition not met within 30 s.");
            }

            await Task.Delay(200);
        }
    }
}
