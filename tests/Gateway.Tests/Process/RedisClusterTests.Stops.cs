using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Runtime;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// A silo killed, a silo stopped and a gateway stopped while they hold work, under closed-loop load of model C: its cost
/// is CPU time, so on a loaded machine a request needs the same work and only takes longer, and a closed loop keeps
/// a queue on every server without letting it grow.
/// </summary>
public partial class RedisClusterTests
{
    private const string BusyModel = "C";
    private const int ShortTokens = 160;  // model C: 20 ms + 0.5 ms a token = 100 ms of CPU
    private const int LongTokens = 360;   // 200 ms of CPU
    private const int ClientsPerServer = 4; // a server has two workers (two cores): about two requests wait on each
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task T5_KillingABusySilo_RetriesItsWorkElsewhere_AndLosesNoRequest()
    {
        cluster.Require();
        var victim = cluster.Silos[1];
        var servers = await ServingAsync(cluster.Silos[0].Name, victim.Name);
        var retriesBefore = await RouterRetriesAsync(cluster.Client);
        var load = ClosedLoopLoad.Start([cluster.Client], BusyModel, ShortTokens, ClientsPerServer * servers);
        IReadOnlyList<LoadAnswer> answers;
        TimeSpan killedAt;
        JsonNode queued;
        try
        {
            await UntilAsync(load, seen => seen.Any(a => a.ServedBy(victim.Name)), $"{victim.Name} serving");
            queued = await QueueAsync(load, victim.Name);
            victim.Process.Kill(); // SIGKILL: no drain, no goodbye to the cluster
            killedAt = load.Clock.Elapsed;
            output.WriteLine($"kill -9 {victim.Name} at {killedAt.TotalSeconds:0.00} s; its last report: {queued.ToJsonString()}");
            await UntilAsync(load, seen => seen.Count(a => a.Ok && a.SentAt > killedAt) >= 20, "20 requests sent after the kill answered");
        }
        finally
        {
            answers = await load.StopAsync();
        }

        var failures = answers.Where(a => !a.Ok).ToList();
        var inFlightRetried = answers.Where(a => a.Ok && a.Retries > 0 && a.SentAt < killedAt && a.DoneAt > killedAt).ToList();
        var metricRetries = await RouterRetriesAsync(cluster.Client) - retriesBefore;
        Report("kill -9", answers, killedAt, $"{inFlightRetried.Count} in flight at the kill retried; router retries metric +{metricRetries}");
        Assert.True(failures.Count == 0, $"{ClosedLoopLoad.Describe(failures)}\n{cluster.Diagnostics()}");
        Assert.True(victim.Process.HasExited, $"{victim.Name} still runs");
        Assert.Equal(137, victim.Process.ExitCode); // 128 + SIGKILL
        Assert.Contains(answers, a => a.ServedBy(victim.Name) && a.DoneAt < killedAt);
        Assert.True(queued["queueLength"]!.GetValue<int>() > 0, queued.ToJsonString());
        Assert.NotEmpty(inFlightRetried);
        Assert.DoesNotContain(inFlightRetried, a => a.ServedBy(victim.Name));
        Assert.DoesNotContain(answers, a => a.SentAt > killedAt && a.ServedBy(victim.Name));
        Assert.True(metricRetries >= inFlightRetried.Count, $"router retries metric +{metricRetries}, {inFlightRetried.Count} retried answers");
        await Eventually.ValueAsync(async () => await MemberStatusAsync(cluster.Client, victim.Name) == "Dead" ? "ok" : null, Patience, $"{victim.Name} declared dead");
        // A silo killed never writes its own leaving: the table says the others found it dead (what T6 and T7 tell apart).
        var row = await cluster.MembershipRowAsync(victim.Name);
        Assert.True(row is { Status: SiloStatus.Dead, DeclaredItselfDead: false }, $"{victim.Name}'s membership row: {row}");
    }

    [SkippableFact]
    public async Task T6_SigtermToABusySilo_HandsBackItsQueue_FinishesItsWork_AndLeavesBeforeItExits()
    {
        cluster.Require();
        var victim = await cluster.AddSiloAsync(new Dictionary<string, string>
        {
            ["Models__Load"] = BusyModel,
            ["Logging__LogLevel__OrleansServe.Grains.Servers"] = "Information", // the drain's log line
        });
        var servers = await ServingAsync(cluster.Silos[0].Name, victim.Name);
        // Two more clients a server than the other tests, and a queue of two seen: a report is up to a second old, and a
        // CI run saw the victim's one queued request taken by a worker before the drain began (nothing to hand back).
        var load = ClosedLoopLoad.Start([cluster.Client], BusyModel, LongTokens, (ClientsPerServer + 2) * servers);
        IReadOnlyList<LoadAnswer> answers;
        TimeSpan termAt;
        LeavingSeen stop;
        try
        {
            await UntilAsync(load, seen => seen.Any(a => a.ServedBy(victim.Name)), $"{victim.Name} serving");
            var queued = await QueueAsync(load, victim.Name, atLeast: 2);
            victim.Process.Terminate();
            termAt = load.Clock.Elapsed;
            output.WriteLine($"SIGTERM {victim.Name} at {termAt.TotalSeconds:0.00} s; its last report: {queued.ToJsonString()}");
            stop = await WatchLeavingAsync(victim.Name, victim.Process, load.Clock);
            await UntilAsync(load, seen => seen.Count(a => a.Ok && a.SentAt > stop.Exited) >= 10, "10 requests sent after the exit answered");
        }
        finally
        {
            answers = await load.StopAsync();
        }

        var failures = answers.Where(a => !a.Ok).ToList();
        var handedBack = Regex.Matches(victim.Process.Output(), @"drained: (\d+) queued requests handed back")
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        // What the victim held when it drained, including requests sent between the signal and its leaving (what it
        // queued before the signal its workers may have finished): each handed back is answered elsewhere, retried.
        var servedElsewhere = answers.Where(a => a.Ok && a.Retries > 0 && a.SentAt < stop.LeftBy && !a.ServedBy(victim.Name)).ToList();
        var finished = answers.Where(a => a.ServedBy(victim.Name) && a.DoneAt > termAt).ToList();
        Report("SIGTERM silo", answers, termAt, $"{handedBack} handed back, {servedElsewhere.Count} sent before it left and retried elsewhere, " +
            $"{finished.Count} finished by it after the signal; {stop}");
        Assert.True(failures.Count == 0, $"{ClosedLoopLoad.Describe(failures)}\n{cluster.Diagnostics()}");
        Assert.Equal(0, victim.Process.ExitCode);
        Assert.True(handedBack > 0, $"the drain handed back no queued request\n{victim.Process.Output()}");
        Assert.True(servedElsewhere.Count >= handedBack, $"{handedBack} handed back, {servedElsewhere.Count} answered elsewhere after a retry");
        Assert.NotEmpty(finished);
        Assert.True(stop.LeftBeforeExit, $"{victim.Name} did not leave the membership itself before it exited: {stop}");
        Assert.DoesNotContain(answers, a => a.SentAt > stop.LeftBy && a.ServedBy(victim.Name));
    }

    [SkippableFact]
    public async Task T7_SigtermToAGateway_FinishesItsRequests_ClientsMoveToAnother_AndItLeavesBeforeItExits()
    {
        cluster.Require();
        var stopping = await cluster.AddGatewayAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = stopping.Uri, Timeout = TimeSpan.FromSeconds(60) };
        var servers = await ServingAsync(cluster.Silos[0].Name);
        // Clients send to the stopping gateway first and move to the fixture's gateway once it refuses connections.
        var load = ClosedLoopLoad.Start([client, cluster.Client], BusyModel, LongTokens, ClientsPerServer * servers);
        IReadOnlyList<LoadAnswer> answers;
        TimeSpan termAt;
        LeavingSeen stop;
        try
        {
            await UntilAsync(load, seen => seen.Count(a => a.Ok && a.Gateway == 0) >= 3, "3 requests answered by the second gateway");
            stopping.Process.Terminate();
            termAt = load.Clock.Elapsed;
            output.WriteLine($"SIGTERM {stopping.Name} (the second gateway) at {termAt.TotalSeconds:0.00} s");
            stop = await WatchLeavingAsync(stopping.Name, stopping.Process, load.Clock);
            await UntilAsync(load, seen => seen.Count(a => a.Ok && a.SentAt > stop.Exited) >= 10, "10 requests sent after the exit answered");
        }
        finally
        {
            answers = await load.StopAsync();
        }

        var failures = answers.Where(a => !a.Ok).ToList();
        var finished = answers.Where(a => a.Ok && a.Gateway == 0 && a.SentAt < termAt && a.DoneAt > termAt).ToList();
        var moved = answers.Where(a => a.Ok && a.Gateway == 1).ToList();
        Report("SIGTERM gateway", answers, termAt, $"{finished.Count} in flight at the signal answered by it, {moved.Count} moved to the other gateway; " +
            $"{stop}");
        Assert.True(failures.Count == 0, $"{ClosedLoopLoad.Describe(failures)}\n{stopping.Process.Output()}");
        Assert.Equal(0, stopping.Process.ExitCode);
        Assert.NotEmpty(finished);
        Assert.NotEmpty(moved);
        Assert.DoesNotContain(answers, a => a.SentAt > stop.Exited && a.Gateway == 0);
        Assert.True(stop.LeftBeforeExit, $"{stopping.Name} did not leave the membership itself before it exited: {stop}");
    }

    private void Report(string what, IReadOnlyList<LoadAnswer> answers, TimeSpan at, string detail)
    {
        var line = $"[e2e {what} at {at.TotalSeconds:0.00} s] {ClosedLoopLoad.Summarize(answers)}; {detail}";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>Waits until the gateway sees a healthy server with the busy model on each named silo; returns how many servers have it.</summary>
    private async Task<int> ServingAsync(params string[] silos)
    {
        var serving = await Eventually.ValueAsync(async () =>
        {
            var servers = await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers");
            var names = servers!.Where(s => s!["healthy"]!.GetValue<bool>() && s["models"]!.AsArray().Any(m => m!.GetValue<string>() == BusyModel))
                .Select(s => s!["silo"]!.GetValue<string>()).ToList();
            return silos.All(names.Contains) ? names : null;
        }, Patience, $"a healthy server with {BusyModel} on {string.Join(", ", silos)}");
        return serving.Count;
    }

    /// <summary>Waits for the silo's server to report <paramref name="atLeast"/> requests waiting behind its workers; returns that report.</summary>
    private async Task<JsonNode> QueueAsync(ClosedLoopLoad load, string silo, int atLeast = 1)
    {
        var last = "";
        try
        {
            return await Eventually.ValueAsync(async () =>
            {
                var servers = await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers");
                last = servers!.ToJsonString();
                return servers.FirstOrDefault(s => s!["silo"]!.GetValue<string>() == silo && s["queueLength"]!.GetValue<int>() >= atLeast);
            }, Patience, $"a queue on {silo}'s server");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{load.Summary()}\nservers: {last}", e);
        }
    }

    /// <summary>Waits until the answers so far meet <paramref name="condition"/>; a timeout says what the load saw.</summary>
    private static async Task UntilAsync(ClosedLoopLoad load, Func<IReadOnlyCollection<LoadAnswer>, bool> condition, string what)
    {
        try
        {
            await Eventually.ValueAsync(() => Task.FromResult(condition(load.Answers) ? "ok" : null), Patience, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{load.Summary()}", e);
        }
    }

    /// <summary>
    /// Polls the membership table (in Redis, where silos write their own status; the gateway's view of it follows by
    /// gossip) until the process exits within 60 s: when a read before the exit first showed the member no longer Active,
    /// when the process exited (both on <paramref name="clock"/>), and its row after the exit.
    /// </summary>
    private async Task<LeavingSeen> WatchLeavingAsync(string member, ManagedProcess process, Stopwatch clock)
    {
        var exit = process.WaitForExitAsync(Patience);
        TimeSpan? left = null;
        while (!exit.IsCompleted)
        {
            var row = await cluster.MembershipRowAsync(member);
            if (left is null && row is { Status: not SiloStatus.Active } && !process.HasExited)
            {
                left = clock.Elapsed;
            }
            await Task.WhenAny(exit, Task.Delay(20));
        }
        var exited = clock.Elapsed;
        Assert.True(await exit, $"{process.Name} did not exit within {Patience.TotalSeconds:0} s\n{process.Output()}");
        return new LeavingSeen(left, exited, await cluster.MembershipRowAsync(member));
    }

    /// <summary>What <see cref="WatchLeavingAsync"/> saw of a member leaving.</summary>
    private sealed record LeavingSeen(TimeSpan? Left, TimeSpan Exited, MembershipRow? After)
    {
        /// <summary>
        /// It left the membership before it exited: its row says it declared itself dead, which only the running process
        /// can write (polls can miss a short ShuttingDown; a silo that just vanished is declared dead by the others).
        /// </summary>
        public bool LeftBeforeExit => After is { DeclaredItselfDead: true };

        /// <summary>The earliest time it is known to have left: as read from the table, else at its exit.</summary>
        public TimeSpan LeftBy => Left ?? Exited;

        public override string ToString() =>
            $"left membership at {Left?.TotalSeconds:0.00} s, exited at {Exited.TotalSeconds:0.00} s, row after: {After}";
    }

    private static async Task<string?> MemberStatusAsync(HttpClient gateway, string member)
    {
        var members = await gateway.GetFromJsonAsync<JsonArray>("/api/cluster");
        return members!.FirstOrDefault(m => m!["name"]!.GetValue<string>() == member)?["status"]!.GetValue<string>();
    }

    /// <summary>The router's retries counter at the gateway's /metrics (matched by its instrument name, whatever the prefix).</summary>
    private static async Task<double> RouterRetriesAsync(HttpClient gateway)
    {
        var text = await gateway.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => !line.StartsWith('#') && line.Split('{', ' ')[0].EndsWith("router_retries", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
