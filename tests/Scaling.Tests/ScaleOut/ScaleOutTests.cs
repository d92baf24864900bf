using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using OrleansServe.Grains;
using OrleansServe.Hosting;
using OrleansServe.Hosting.Launchers.Process;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers.Process;

namespace OrleansServe.Scaling.Tests.ScaleOut;

/// <summary>
/// The real thing, on loopback: redis-server, one silo process (one inference worker: one replica), and a silo in
/// this process playing the gateway (no model servers, hosts the scaler with the process launcher, sends the load
/// through its batcher as the co-hosted gateway does). Load above one replica's capacity must make the scaler start
/// a second silo that takes traffic within 20 s of the decision; a light load after must see it drained and stopped
/// after the (shortened) stabilisation window; no request may fail in either phase. With a warm pool of one silo the
/// same load must start a server on the warm silo instead of launching one, and the scale-in must put it back.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const string Model = "A";
    private const int Tokens = 1400;          // model A: 2 ms + 0.02 ms per token = 30 ms of CPU: one worker serves ~33/s
    private const double Overload = 1.3;     // heavy load: 1.3 replicas of work at the service time measured just before
    private const double LightPerSecond = 3;

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task LoadAboveOneReplicaAddsASiloThatTakesTrafficAndIsDrainedAndStoppedWhenLoadFalls(int warmSilos)
    {
        RedisServer.Require();
        var ports = new PortAllocator();
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var redis = await RedisServer.StartAsync(ports);
        var cluster = new ClusterSettings { Mode = ClusterMode.Redis, Redis = redis.Connection, ClusterId = $"scale-{Guid.NewGuid():N}" };
        var siloEnvironment = new Dictionary<string, string>
        {
            ["Engine__Workers"] = "1",
            ["Models__Load"] = Model,
            ["Silo__Servers"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var staticSilos = new ProcessSiloLauncher(
            Options.Create(new ScalingOptions { Process = new ProcessLauncherOptions { Environment = siloEnvironment, NamePrefix = "static" } }),
            Options.Create(cluster), Options.Create(new SiloSettings()), new ServiceCollection().BuildServiceProvider(), NullLogger<ProcessSiloLauncher>.Instance);
        var logs = new LogLines();
        IHost? gateway = null;
        ScaledSilo? first = null;
        var load = default(SteadyLoad);
        using var stopLoad = new CancellationTokenSource();
        Task? loadTask = null;
        try
        {
            first = await staticSilos.LaunchAsync(overall.Token);
            output.WriteLine($"static silo {first.Name} healthy after {first.StartupSeconds:0.0} s");

            gateway = StartGateway(cluster, ports, siloEnvironment, warmSilos, logs);
            await gateway.StartAsync(overall.Token);
            var grains = gateway.Services.GetRequiredService<IGrainFactory>();
            var scaler = grains.GetGrain<IScalerGrain>(0);
            await Eventually(async () => (await scaler.GetStatusAsync()).CurrentReplicas == 1, TimeSpan.FromSeconds(30), "the static silo's server in the registry");
            var warm = warmSilos == 0 ? null : await EventuallyValue(async () => (await scaler.GetStatusAsync()).Silos.SingleOrDefault(s => s is { Warm: true, StartupSeconds: not null }),
                TimeSpan.FromSeconds(60), "a warm silo");
            if (warm is not null)
            {
                output.WriteLine($"warm silo {warm.Name} ready after {warm.StartupSeconds:0.0} s");
            }

            // Calibrate: the cores are shared with whatever else runs, so one replica's capacity is measured, not assumed.
            load = new SteadyLoad(grains, Model, Tokens) { PerSecond = LightPerSecond };
            loadTask = load.RunAsync(stopLoad.Token);
            var serviceMs = await EventuallyValue(async () => (await grains.GetGrain<IServerRegistryGrain>(0).GetServersAsync())
                .Select(s => s.Report?.PerModel.GetValueOrDefault(Model)?.EwmaMs ?? 0).Where(ms => ms > 0).Select(ms => Tuple.Create(ms)).FirstOrDefault(),
                TimeSpan.FromSeconds(30), "a measured service time");
            await Task.Delay(TimeSpan.FromSeconds(2), overall.Token);
            var heavy = Math.Min(80, Overload * 1000 / serviceMs.Item1);
            output.WriteLine($"one replica: {serviceMs.Item1:0.0} ms per request, {1000 / serviceMs.Item1:0.0}/s; heavy load {heavy:0.0}/s");

            // Phase 1: more than one replica can serve.
            load.PerSecond = heavy;
            var loadStart = DateTime.UtcNow;
            var expected = warm is null ? "launch silo" : $"start server {warm.Name}/0 on warm silo {warm.Name}";
            var launch = await EventuallyValue(async () => (await scaler.GetHistoryAsync(500))
                .LastOrDefault(d => d.Direction == ScalingDirection.Up && d.Actions.Contains(expected)), TimeSpan.FromSeconds(60), $"a scale-up decision: {expected}");
            var signals = launch.Signals;
            output.WriteLine($"decision {(launch.TimestampUtc - loadStart).TotalSeconds:0.0} s after load start: rate {signals.ArrivalRate:0.0}/s, " +
                $"service {signals.ServiceMs:0.0} ms, queue {signals.QueueLength}, cpu {signals.CpuPercent:0} % -> {launch.Target}");

            var firstServed = await EventuallyValue(() => Task.FromResult(
                    load.Served.Where(s => s.ServerId.StartsWith("scaled-", StringComparison.Ordinal)).Select(s => Tuple.Create(s.At)).FirstOrDefault()),
                TimeSpan.FromSeconds(40), "a response from the new silo");
            var toTraffic = firstServed.Item1 - launch.TimestampUtc;
            var status = await scaler.GetStatusAsync();
            output.WriteLine($"new silo served its first request {toTraffic.TotalSeconds:0.0} s after the decision (launcher measured start-up {status.StartupSeconds:0.0} s)");
            // A warm silo is in the cluster already: only a server start and a routing report stand between decision and traffic.
            var limit = TimeSpan.FromSeconds(warm is null ? 20 : 5);
            Assert.True(toTraffic < limit, $"The new silo took traffic {toTraffic.TotalSeconds:0.0} s after the decision.");
            await Task.Delay(TimeSpan.FromSeconds(2), overall.Token); // both replicas serving for a while

            // Phase 2: load falls; the launched silo must be drained and stopped, the static one kept.
            load.PerSecond = LightPerSecond;
            var fell = DateTime.UtcNow;
            output.WriteLine($"load fell at {fell:HH:mm:ss.fff}");
            await Eventually(async () => (await scaler.GetStatusAsync()) is { CurrentReplicas: 1 } status && status.Silos.Count(s => !s.Warm) == 0,
                TimeSpan.FromSeconds(90), "the launched silo drained and stopped (or back in the warm pool)");
            output.WriteLine($"launched silo drained and stopped {(DateTime.UtcNow - fell).TotalSeconds:0.0} s after the load fell");
            if (warm is not null)
            {
                Assert.Equal(warm.Name, Assert.Single((await scaler.GetStatusAsync()).Silos, s => s.Warm).Name);
            }

            var down = (await scaler.GetHistoryAsync(500)).First(d => d.Direction == ScalingDirection.Down);
            Assert.Contains(down.Actions, a => a.Contains("stop silo scaled-", StringComparison.Ordinal));
            // The scaler goes on deciding once the silo is gone (real runs saw it fall silent for minutes after a scale-in).
            var stopped = DateTime.UtcNow;
            await Eventually(async () => (await scaler.GetHistoryAsync(1).WaitAsync(TimeSpan.FromSeconds(5))) is [var last] && last.TimestampUtc > stopped.AddSeconds(3),
                TimeSpan.FromSeconds(20), "a scaler decision 3 s after the launched silo stopped");
            await Task.Delay(TimeSpan.FromSeconds(2), overall.Token); // requests still flow on the static silo

            stopLoad.Cancel();
            await loadTask.WaitAsync(TimeSpan.FromSeconds(70));
            var served = load.Served.ToList();
            output.WriteLine($"served {served.Count}: {string.Join(", ", served.GroupBy(s => s.ServerId).Select(g => $"{g.Key} {g.Count()}"))}; failed {load.Failed.Count}");
            // Neither scale-out nor scale-in may lose a request: the scaler drains the server (queued work handed back and
            // routed to the static silo, in-flight work finished) before it stops the silo or puts it back in the pool.
            Assert.True(load.Failed.IsEmpty, $"{load.Failed.Count} requests failed; the scale-in decision was at {down.TimestampUtc:HH:mm:ss.fff}.");
            Assert.Contains(served, s => s.ServerId.StartsWith("static-", StringComparison.Ordinal) && s.At > fell.AddSeconds(10));
        }
        finally
        {
            stopLoad.Cancel();
            if (load is not null)
            {
                foreach (var (at, failure) in load.Failed.Take(10))
                {
                    output.WriteLine($"failed at {at:HH:mm:ss.fff}: {failure.GetType().Name}: {failure.Message}");
                }
            }
            if (gateway is not null)
            {
                // Stopping the host stops (or kills) the silos its launcher started.
                try
                {
                    await gateway.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(40)).Token);
                }
                catch (Exception ex)
                {
                    output.WriteLine($"gateway stop: {ex.Message}");
                }
                gateway.Dispose();
            }
            if (first is not null)
            {
                await staticSilos.StopAsync(first.Name, CancellationToken.None);
            }

            foreach (var line in logs.Lines)
            {
                output.WriteLine(line);
            }
        }
    }

    private static IHost StartGateway(ClusterSettings cluster, PortAllocator ports, Dictionary<string, string> siloEnvironment, int warmSilos, LogLines logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Redis",
            ["Cluster:Redis"] = cluster.Redis,
            ["Cluster:ClusterId"] = cluster.ClusterId,
            ["Silo:Name"] = "gateway",
            ["Silo:SiloPort"] = ports.Next().ToString(),
            ["Silo:GatewayPort"] = ports.Next().ToString(),
            ["Silo:Servers"] = "0",
            ["Silo:Dashboard"] = "false",
            ["Models:Load"] = Model,
            ["Logging:LogLevel:OrleansServe"] = "Information",
            ["Scaling:Enabled"] = "true",
            ["Scaling:Policy"] = "slo",
            ["Scaling:PollSeconds"] = "1",
            ["Scaling:MaxReplicas"] = "2",
            ["Scaling:MaxReplicasPerSilo"] = "1",
            ["Scaling:Models:0"] = Model,
            ["Scaling:Slo:DownStabilizationSeconds"] = "8",
            // The slo policy derives its utilisation from the objective and the measured service time. On this shared
            // machine a request takes 30–160 ms, and at 150 ms one replica under the light 3 req/s is predicted above the
            // 500 ms objective, so the derived rule rightly keeps two; with a laxer objective it lets a 1.3× overload
            // queue before it scales. This test is about adding, draining and stopping a silo, so it plans at the fixed
            // utilisation (0.75 out, 0.6 in) whose decisions do not depend on how fast the machine is today.
            ["Scaling:Slo:TargetUtilization"] = "0.75",
            ["Scaling:Process:StopTimeoutSeconds"] = "20",
            ["Scaling:Process:WarmSilos"] = warmSilos.ToString(),
        };
        foreach (var (key, value) in siloEnvironment)
        {
            settings[$"Scaling:Process:Environment:{key}"] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
        builder.AddOrleansServeSilo();
        return builder.Build();
    }

    private static async Task Eventually(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        await EventuallyValue(async () => await probe() ? (object)true : null, timeout, what);

    private static async Task<T> EventuallyValue<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.", last);
    }
}
