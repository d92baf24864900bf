using System.Diagnostics;
using Xunit.Abstractions;

namespace OrleansServe.Network.Tests;

/// <summary>
/// Faults on real network hosts under a steady open-loop load of model requests of about 100 ms of work each (deadline
/// 30 s), plus a burst of 12 just before the fault, so that work is queued and in flight on the victim (2 workers a
/// server) when the fault hits. The steady rate is low, 1 request/s: the machines that run CI are shared, and at 20× CPU
/// contention 100 ms of CPU take seconds. Each prints its figures and asserts that every
/// request was answered 200, each with its own id, and that the cluster is whole again afterwards (a victim that
/// stopped itself is restarted, as a supervisor would). Order of the file; each leaves three serving silos.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class FailureScenarioTests(NetnsCluster cluster, ITestOutputHelper output)
{
    private const int Rate = 1;
    private const int Burst = 12;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task KillNineOfASiloLosesNoRequest()
    {
        cluster.Require();
        var victim = cluster.Silo("silo1");
        var episode = await SiloFaultAsync("kill -9", victim, () => cluster.Signal(victim, "KILL"), TimeSpan.Zero, () => { });
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task PartitionedSiloLosesNoRequestAndComesBack()
    {
        cluster.Require();
        var victim = cluster.Silo("silo2");
        var episode = await SiloFaultAsync("partition 30 s", victim, () => cluster.SetLink(victim, up: false), TimeSpan.FromSeconds(30),
            () => cluster.SetLink(victim, up: true));
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task FrozenSiloLosesNoRequestAndComesBack()
    {
        cluster.Require();
        var victim = cluster.Silo("silo3");
        var episode = await SiloFaultAsync("SIGSTOP 20 s", victim, () => cluster.Signal(victim, "STOP"), TimeSpan.FromSeconds(20),
            () => cluster.Signal(victim, "CONT"));
        AssertEveryRequestServedOnce(episode);
    }

    [SkippableFact]
    public async Task LostRedisDeclaresNoSiloDeadAndALateSiloJoinsWhenItIsBack()
    {
        cluster.Require();
        await cluster.WaitServingAsync(TimeSpan.FromMinutes(2));
        var late = cluster.Silo("silo4");
        var load = new OpenLoopLoad(cluster.Client, "redis-lost", Rate, Deadline);
        Episode episode;
        IReadOnlyList<MemberView> before, after;
        TimeSpan joined;
        try
        {
            await load.ServedByAsync("silo1", DateTime.UtcNow, TimeSpan.FromSeconds(60));
            before = await cluster.MembersAsync();
            load.Burst(Burst);
            var faultUtc = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            cluster.Signal(cluster.Redis, "TERM");
            await Eventually.ValueAsync(() => Task.FromResult(cluster.Redis.Running ? null : "stopped"), TimeSpan.FromSeconds(20), "redis to stop");
            cluster.StartSilo(late);
            await Task.Delay(TimeSpan.FromSeconds(30) - clock.Elapsed);
            Assert.True(late.Running, $"silo4, started while redis was down, exited.\n{late.Process!.Output()}");
            cluster.StartRedis();
            var healUtc = DateTime.UtcNow;
            var back = Stopwatch.StartNew();
            await load.ServedByAsync(late.Name, healUtc, TimeSpan.FromSeconds(120));
            joined = back.Elapsed;
            after = await cluster.MembersAsync();
            episode = new Episode("redis lost 30 s", await load.StopAsync(), faultUtc, healUtc) { VictimAfterHeal = "silo4 joined", BackServing = joined };
        }
        catch (Exception e)
        {
            await load.StopAsync();
            throw new InvalidOperationException($"redis lost did not run through: {e.Message}\n{cluster.Diagnostics()}", e);
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
    }

    private async Task StopGracefullyAsync(NetnsHost silo)
    {
        if (!silo.Running)
        {
            return;
        }
        cluster.Signal(silo, "TERM");
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
        await cluster.WaitServingAsync(TimeSpan.FromMinutes(2));
        var load = new OpenLoopLoad(cluster.Client, scenario.Replace(' ', '-'), Rate, Deadline);
        Episode episode;
        try
        {
            await load.ServedByAsync(victim.Name, DateTime.UtcNow.AddSeconds(2), TimeSpan.FromSeconds(60));
            var incarnation = (await cluster.MembersAsync()).Single(m => m.Name == victim.Name && m.Status == "Active").Address;
            load.Burst(Burst);
            await Task.Delay(200); // the burst reaches the servers
            var clock = Stopwatch.StartNew();
            var faultUtc = DateTime.UtcNow;
            fault();
            var outOfRouting = await Episode.OutOfRoutingAsync(cluster, victim.Name, clock, TimeSpan.FromSeconds(60));
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
                    return "stopped itself";
                }
                var members = await cluster.MembersAsync();
                return members.Any(m => m.Address == incarnation && m.Status == "Active")
                    && (await cluster.ServersAsync()).Any(s => s.Silo == victim.Name && s.Healthy && s.Circuit == "Closed")
                    ? "rejoined"
                    : null;
            }, TimeSpan.FromSeconds(60), $"{victim.Name} to rejoin or stop itself");
            var restartUtc = DateTime.UtcNow;
            var restart = Stopwatch.StartNew();
            if (!victim.Running)
            {
                cluster.StartSilo(victim);
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
            throw new InvalidOperationException($"{scenario} did not run through: {e.Message}\n{cluster.Diagnostics()}", e);
        }
        output.WriteLine(episode.Summary());
        output.WriteLine(episode.Timeline());
        Assert.True(episode.OutOfRouting < TimeSpan.FromSeconds(15), $"{victim.Name} was still routed to 15 s after the fault. {episode.Summary()}");
        return episode;
    }

    private void AssertEveryRequestServedOnce(Episode episode)
    {
        var failed = episode.Failed.Take(10).Select(o => $"{o.Id}: {o.Status} {o.Error} sent at fault{(o.SentUtc - episode.FaultUtc).TotalSeconds:+0.0;-0.0} s, after {o.Latency.TotalMilliseconds:0} ms");
        Assert.True(episode.Failed.Count() == 0, $"{episode.Summary()}\n{episode.Timeline()}\nfirst failures: {string.Join("; ", failed)}\n{cluster.Diagnostics()}");
        Assert.All(episode.Outcomes, o => Assert.Equal(o.Id, o.EchoedId));
        Assert.Equal(episode.Outcomes.Count, episode.Outcomes.Select(o => o.Id).Distinct().Count());
    }
}
