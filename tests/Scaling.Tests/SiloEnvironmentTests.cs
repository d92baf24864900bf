using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansServe.Grains;
using OrleansServe.Hosting;
using OrleansServe.Hosting.Launchers.Process;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers.Process;

namespace OrleansServe.Scaling.Tests;

public class SiloEnvironmentTests
{
    private static readonly SiloProcessPorts Ports = new(21000, 21001, 21002);

    [Fact]
    public void RedisModePassesTheConnectionAndOwnPorts()
    {
        var env = SiloEnvironment.For(
            new ClusterSettings { Mode = ClusterMode.Redis, Redis = "127.0.0.1:7000", ClusterId = "c" }, new SiloSettings(), "scaled-21000", Ports,
            new Dictionary<string, string> { ["Engine__Workers"] = "1" });

        Assert.Equal("Redis", env["Cluster__Mode"]);
        Assert.Equal("127.0.0.1:7000", env["Cluster__Redis"]);
        Assert.Equal("c", env["Cluster__ClusterId"]);
        Assert.Equal(("21000", "21001", "21002"), (env["Silo__SiloPort"], env["Silo__GatewayPort"], env["Silo__HttpPort"]));
        Assert.Equal("scaled-21000", env["Silo__Name"]);
        Assert.Equal("false", env["Silo__Dashboard"]);
        Assert.Equal("false", env["Scaling__Enabled"]);
        Assert.Equal("1", env["Engine__Workers"]);
        Assert.False(env.ContainsKey("Cluster__PrimarySiloPort"));
    }

    [Fact]
    public void ALaunchedSiloNeverKeepsAWarmPoolOfItsOwn()
    {
        // The gateway's own pool setting, inherited or passed on, must not make each warm silo start the next.
        var env = SiloEnvironment.For(new ClusterSettings(), new SiloSettings(), "s", Ports, new Dictionary<string, string>());
        Assert.Equal(("false", "0"), (env["Scaling__Enabled"], env["Scaling__Process__WarmSilos"]));
    }

    [Fact]
    public async Task OnlyALauncherWhoseScalerRunsFillsAWarmPool()
    {
        var options = new ScalingOptions { Enabled = false, Process = new ProcessLauncherOptions { WarmSilos = 1 } };
        using var launcher = new ProcessSiloLauncher(Options.Create(options), Options.Create(new ClusterSettings()), Options.Create(new SiloSettings()),
            new ServiceCollection().BuildServiceProvider(), NullLogger<ProcessSiloLauncher>.Instance);
        await ((IHostedService)launcher).StartAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Empty(launcher.Silos);
    }

    [Fact]
    public void ALaunchedSiloStartsAModelServerEvenWhenItsLauncherRunsNone()
    {
        // A gateway in Redis mode runs with Silo__Servers=0; its children inherit its environment.
        var inherited = SiloEnvironment.For(new ClusterSettings { Mode = ClusterMode.Redis, Redis = "r" }, new SiloSettings { Servers = 0 }, "s", Ports,
            new Dictionary<string, string>());
        var overridden = SiloEnvironment.For(new ClusterSettings(), new SiloSettings(), "s", Ports, new Dictionary<string, string> { ["Silo__Servers"] = "2" });

        Assert.Equal("1", inherited["Silo__Servers"]);
        Assert.Equal("2", overridden["Silo__Servers"]);
    }

    [Fact]
    public void ALaunchedSiloStopsWithItsLauncher()
    {
        var env = SiloEnvironment.For(new ClusterSettings(), new SiloSettings(), "s", Ports, new Dictionary<string, string>());
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), env["Silo__ParentProcessId"]);
    }

    [Fact]
    public void EmbeddedModeJoinsThisSiloAsPrimary()
    {
        var env = SiloEnvironment.For(new ClusterSettings(), new SiloSettings { SiloPort = 11111 }, "s", Ports, new Dictionary<string, string>());
        Assert.Equal("Embedded", env["Cluster__Mode"]);
        Assert.Equal("11111", env["Cluster__PrimarySiloPort"]);
    }

    [Fact]
    public void EmbeddedModeKeepsThePrimaryThisSiloJoined()
    {
        var env = SiloEnvironment.For(new ClusterSettings { PrimarySiloPort = 11000 }, new SiloSettings { SiloPort = 11111 }, "s", Ports, new Dictionary<string, string>());
        Assert.Equal("11000", env["Cluster__PrimarySiloPort"]);
    }

    [Fact]
    public void PortsAreNeverHandedOutTwice()
    {
        var ports = new PortAllocator();
        var given = Enumerable.Range(0, 50).Select(_ => ports.Next()).ToList();
        Assert.Equal(given.Count, given.Distinct().Count());
    }
}
