using System.Diagnostics;
using Xunit.Abstractions;

namespace OrleansServe.Network.Tests;

/// <summary>
/// Faults on real network hosts under a steady open-loop load of model requests of about 100 ms of work each (deadline
/// 60 s: generous, as the CI machines are shared), plus a burst of 12 just before the fault, so that work is queued and in flight on the victim (2 workers a
/// server) when the fault hits. The steady rate is low, 1 request/s: the machines that run CI are shared, and at 20× CPU
/// contention 100 ms of CPU take seconds. Each prints its figures and asserts that every
/// request was answered 200, each with its own id, and that the cluster is whole again afterwards (a victim that
/// stopped itself is restarted, as a supervisor would). Order of the file; each leaves three serving silos.
/// </summary>
public sealed class FailureScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    // A fresh bed for each scenario, so each starts from a whole cluster whatever the one before left.
    private readonly NetnsCluster _cluster = new();

    private const int Rate = 1;
    private const int Burst = 12;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task KillNineOfASiloLosesNoRequest()
    {
        _cluster.Require();
        var victim = _cluster.Silo("silo1");
        var episode = await SiloFaultAsync("kill -9", victim, () => _cluster.Signal(victim, "KILL"), TimeSpan.Zero, () => { });
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task PartitionedSiloLosesNoRequestAndComesBack()
    {
        _cluster.Require();
        var victim = _cluster.Silo("silo2");
        var episode = await SiloFaultAsync("partition 30 s", victim, () => _cluster.SetLink(victim, up: false), TimeSpan.FromSeconds(30),
            () => _cluster.SetLink(victim, up: true));
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task FrozenSiloLosesNoRequestAndComesBack()
    {
        _cluster.Require();
        var victim = _cluster.Silo("silo3");
        var episode = await SiloFaultAsync("SIGSTOP 20 s", victim, () => _cluster.Signal(victim, "STOP"), TimeSpan.FromSeconds(20),
            () => _cluster.Signal(victim, "CONT"));
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task LostRedisDeclaresNoSiloDeadAndALateSiloJoinsWhenItIsBack()
    {
        _cluster.Require();
        await _cluster.WaitServingAsync(TimeSpan.FromMinutes(2));
        var late = _cluster.Silo("silo4");
        var load = new OpenLoopLoad(_cluster.Client, "redis-lost", Rate, Deadline);
        Episode episode;
        IReadOnlyList<MemberView> before, after;
        TimeSpan joined;
        try
        {
            await load.ServedByAsync("silo1", DateTime.UtcNow, TimeSpan.FromSeconds(60));
            before = await _cluster.MembersAsync(); // no burst: no silo is the victim here, and silo4's start is load enough
            var faultUtc = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            _cluster.Signal(_cluster.Redis, "TERM");
            await Eventually.ValueAsync(() => Task.FromResult(_cluster.Redis.Running ? null : "stopped"), TimeSpan.FromSeconds(20), "redis to stop");
            _cluster.StartSilo(late);
            await Task.Delay(TimeSpan.FromSeconds(30) - clock.Elapsed);
            Assert.True(late.Running, $"silo4, started while redis was down, exited.\n{late.Process!.Output()}");
            _cluster.StartRedis();
            var healUtc = DateTime.UtcNow;
            var back = Stopwatch.StartNew();
            await load.ServedByAsync(late.Name, healUtc, TimeSpan.FromSeconds(120));
            joined = back.Elapsed;
            after = await _cluster.MembersAsync();
            episode = new Episode("redis lost 30 s", await load.StopAsync(), faultUtc, healUtc) { VictimAfterHeal = "silo4 joined", BackServing = joined };
        }
        catch (Exception e)
        {
            await load.StopAsync();
            throw new InvalidOperationException($"redis lost did not run through: {e.Message}\n{_cluster.Diagnostics()}", e);
        }
        finally
        {
            await StopGracefullyAsync(late);
        }
        output.WriteLine(episode.Summary());
        output.WriteLine(episode.Timeline());
        AssertEveryRequestServedOnce(episode);
        foreach (var silo in before.Where(m => m.Status == "Active"))
        {
            Assert.Contains(after, m => m.Address == silo.Address && m.Status == "Active");
        }
        // No silo left, so the registry never had to move: one activation took every server's reports. With the default
        // grain directory a run logged registry activations on four silos at once, one holding only silo3's server, and
        // another left the gateway listing one silo's server for minutes after Redis was back.
        var registries = _cluster.RegistryHosts();
        Assert.True(registries.Count == 1, $"the server registry ran on {string.Join(", ", registries)}\n{_cluster.Diagnostics()}");
    }

    [SkippableFact]
    public async Task GatewayCutFromTheClusterAnswersInTimeAndComesBack()
    {
        _cluster.Require();
        await _cluster.WaitServingAsync(TimeSpan.FromMinutes(2));
        var gateway = _cluster.Gateway;
        var load = new OpenLoopLoad(_cluster.Client, "gateway-cut", Rate, Deadline);
        Episode episode;
        try
        {
            await load.ServedByAsync("silo1", DateTime.UtcNow, TimeSpan.FromSeconds(60));
            var incarnation = (await _cluster.MembersAsync()).Single(m => m.Name == gateway.Name && m.Status == "Active").Address;
            load.Burst(Burst);
            await Task.Delay(200);
            var faultUtc = DateTime.UtcNow;
            _cluster.SetLink(gateway, up: false);
            await Task.Delay(TimeSpan.FromSeconds(10));
            _cluster.SetLink(gateway, up: true);
            var healUtc = DateTime.UtcNow;
            var back = Stopwatch.StartNew();
            var afterHeal = await Eventually.ValueAsync(() => Task.FromResult(
                !gateway.Running ? "stopped itself"
                : load.Outcomes.Any(o => o.SentUtc > healUtc && o.Status == 200) ? "recovered by itself"
                : null), TimeSpan.FromSeconds(90), "the gateway to serve again or stop itself");
            if (!gateway.Running)
            {
                _cluster.StartGateway();
                afterHeal += ", restarted";
            }
            await Eventually.ValueAsync(() => Task.FromResult(load.Outcomes.Any(o => o.SentUtc > healUtc && o.Status == 200) ? "ok" : null),
                TimeSpan.FromSeconds(120), "a request sent after the heal answered 200");
            var gatewayMembers = (await _cluster.MembersAsync()).Where(m => m.Name == gateway.Name).Select(m => $"{m.Address} {m.Status}");
            afterHeal += $" (membership: {string.Join(", ", gatewayMembers)}; before the cut: {incarnation})";
            episode = new Episode("gateway cut 10 s", await load.StopAsync(), faultUtc, healUtc) { VictimAfterHeal = afterHeal, BackServing = back.Elapsed };
        }
        catch (Exception e)
        {
            await load.StopAsync();
            throw new InvalidOperationException($"gateway cut did not run through: {e.Message}\n{_cluster.Diagnostics()}", e);
        }
        output.WriteLine(episode.Summary());
        output.WriteLine(episode.Timeline());
        var summary = $"{episode.Summary()}\n{episode.Timeline()}";
        // Accepted requests end in time with 200 or 503 + Retry-After; refused connections (no gateway) were never accepted.
        Assert.All(episode.Outcomes, o => Assert.True(
            o.Status == 200 || (o.Status == 503 && o.RetryAfter) || o.Error == "HttpRequestException ConnectionRefused",
            $"{o.Id}: {o.Status} {o.Error} after {o.Latency.TotalMilliseconds:0} ms\n{summary}"));
        Assert.All(episode.Outcomes, o => Assert.True(o.Latency < Deadline + TimeSpan.FromSeconds(2), $"{o.Id} took {o.Latency}\n{summary}"));
    }

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private async Task StopGracefullyAsync(NetnsHost silo)
    {
        if (!silo.Running)
        {
            return;
        }
        _cluster.Signal(silo, "TERM");
        try
        {
            await Eventually.ValueAsync(() => Task.FromResult(silo.Running ? null : "stopped"), TimeSpan.FromSeconds(60), $"{silo.Name} to stop");
        }
        catch (TimeoutException)
        {
            silo.Process!.Kill();
        }
    }

    /// <summary>
    /// Faults <paramref name="victim"/> once it serves, holds the fault for <paramref name="hold"/> (at least until the
    /// victim is out of routing), heals, waits until the victim rejoins or stops itself, restarts it if it is gone and
    /// waits until it serves again.
    /// </summary>
    private async Task<Episode> SiloFaultAsync(string scenario, NetnsHost victim, Action fault, TimeSpan hold, Action heal)
    {
        await _cluster.WaitServingAsync(TimeSpan.FromMinutes(2));
        var load = new OpenLoopLoad(_cluster.Client, scenario.Replace(' ', '-'), Rate, Deadline);
        Episode episode;
        try
        {
            // Not "served by the victim": at this light load the router's power of two choices may pass one server by
            // for a minute; the burst below puts work on every server.
            await Eventually.ValueAsync(() => Task.FromResult(load.Outcomes.Any(o => o.Status == 200) ? "ok" : null), TimeSpan.FromSeconds(60), "a first answer");
            var incarnation = (await _cluster.MembersAsync()).Single(m => m.Name == victim.Name && m.Status == "Active").Address;
            load.Burst(Burst);
            await Task.Delay(200); // the burst reaches the servers
            var clock = Stopwatch.StartNew();
            var faultUtc = DateTime.UtcNow;
            fault();
            var outOfRouting = await Episode.OutOfRoutingAsync(_cluster, victim.Name, clock, TimeSpan.FromSeconds(60));
            if (hold > clock.Elapsed)
            {
                await Task.Delay(hold - clock.Elapsed);
            }
            heal();
            var healUtc = DateTime.UtcNow;
            var afterHeal = await Eventually.ValueAsync(async () =>
            {
                if (!victim.Running)
                {
                    return "process ended";
                }
                var members = await _cluster.MembersAsync();
                return members.Any(m => m.Address == incarnation && m.Status == "Active")
                    && (await _cluster.ServersAsync()).Any(s => s.Silo == victim.Name && s.Healthy && s.Circuit == "Closed")
                    ? "rejoined"
                    : null;
            }, TimeSpan.FromSeconds(60), $"{victim.Name} to rejoin or stop itself");
            var restartUtc = DateTime.UtcNow;
            var restart = Stopwatch.StartNew();
            if (!victim.Running)
            {
                _cluster.StartSilo(victim);
                afterHeal += ", restarted";
            }
            await load.ServedByAsync(victim.Name, restartUtc, TimeSpan.FromSeconds(90));
            episode = new Episode(scenario, await load.StopAsync(), faultUtc, healUtc)
            {
                OutOfRouting = outOfRouting,
                VictimAfterHeal = afterHeal,
                BackServing = restart.Elapsed,
            };
        }
        catch (Exception e)
        {
            await load.StopAsync();
            throw new InvalidOperationException($"{scenario} did not run through: {e.Message}\n{_cluster.Diagnostics()}", e);
        }
        output.WriteLine(episode.Summary());
        output.WriteLine(episode.Timeline());
        Assert.True(episode.OutOfRouting < TimeSpan.FromSeconds(15), $"{victim.Name} was still routed to 15 s after the fault. {episode.Summary()}");
        return episode;
    }

    private void AssertEveryRequestServedOnce(Episode episode)
    {
        var failed = episode.Failed.Take(10)
            .Select(o => $"{o.Id}: {o.Status} {o.Error} sent {(o.SentUtc - episode.FaultUtc).TotalSeconds:0.0} s after the fault, answered after {o.Latency.TotalMilliseconds:0} ms");
        Assert.True(episode.Failed.Count() == 0, $"{episode.Summary()}\n{episode.Timeline()}\nfirst failures: {string.Join("; ", failed)}\n{_cluster.Diagnostics()}");
        Assert.All(episode.Outcomes, o => Assert.Equal(o.Id, o.EchoedId));
        Assert.Equal(episode.Outcomes.Count, episode.Outcomes.Select(o => o.Id).Distinct().Count());
    }
}
