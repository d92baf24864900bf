using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// The cluster's servers and their latest reports. A server is unhealthy when its reports stop for
/// <see cref="Silence"/>, when a health ping fails, or while its silo is not an active member; it is removed
/// when its silo is dead. Every server is pinged every <see cref="PingEvery"/>, and one whose ping failed every
/// second until it answers: its reports alone do not bring it back, since a server that reports but cannot be
/// reached would otherwise be healthy again within a second of each failed ping and keep taking traffic it cannot
/// answer. Re-built within a second from reports if this activation moves.
/// </summary>
[Reentrant]
internal sealed partial class ServerRegistryGrain(
    IClusterMembershipService membership,
    TimeProvider time,
    ILogger<ServerRegistryGrain> logger) : Grain, IServerRegistryGrain
{
    internal static readonly TimeSpan Silence = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, Entry> _servers = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => Sweep(), new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task ReportAsync(ServerLoadReport report)
    {
        if (!_servers.TryGetValue(report.ServerId, out var entry))
        {
            if (report.Draining)
            {
                // A late report from a server that drained and left: do not bring it back.
                return Task.CompletedTask;
            }

            _servers[report.ServerId] = entry = new Entry(report) { LastPinged = time.GetUtcNow() };
            LogRegistered(report.ServerId, report.SiloName);
        }
        entry.Report = report;
        entry.LastSeen = time.GetUtcNow();
        entry.Health = Evaluate(entry);
        _ = GrainFactory.GetGrain<ILoadPredictorGrain>(0).ObserveAsync(report);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string serverId)
    {
        if (_servers.Remove(serverId))
        {
            LogRemoved(serverId, "removed by request");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServerView>> GetServersAsync()
    {
        IReadOnlyList<ServerView> views = _servers.Values
            .OrderBy(e => e.Report.ServerId, StringComparer.Ordinal)
            .Select(e => new ServerView(e.Report.ServerId, e.Report.SiloName, e.Report.SiloAddress, e.Report, e.Health is null, e.Health))
            .ToList();
        return Task.FromResult(views);
    }

    private Task Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _servers.ToList())
        {
            if (SiloStatusOf(entry.Report.SiloName) == SiloStatus.Dead)
            {
                _servers.Remove(id);
                LogRemoved(id, $"silo {entry.Report.SiloName} is dead");
                continue;
            }
            entry.Health = Evaluate(entry);
            if (!entry.Pinging && (entry.PingFailed || now - entry.LastPinged >= PingEvery))
            {
                // Not awaited: a server that does not answer must not hold up the sweep of the others.
                _ = PingAsync(entry);
            }
        }
        return Task.CompletedTask;
    }

    private async Task PingAsync(Entry entry)
    {
        entry.Pinging = true;
        entry.LastPinged = time.GetUtcNow();
        try
        {
            await GrainFactory.GetGrain<IModelServerGrain>(entry.Report.ServerId).GetReportAsync().WaitAsync(PingTimeout, time);
            entry.PingFailed = false;
        }
        catch (Exception)
        {
            entry.PingFailed = true;
        }
        finally
        {
            entry.Pinging = false;
        }
        entry.Health = Evaluate(entry);
    }

    private string? Evaluate(Entry entry)
    {
        var status = SiloStatusOf(entry.Report.SiloName);
        if (status != SiloStatus.Active)
        {
            return $"silo {entry.Report.SiloName} is {status}";
        }

        if (time.GetUtcNow() - entry.LastSeen > Silence)
        {
            return $"no report for {Silence.TotalSeconds:0} s";
        }

        if (entry.PingFailed)
        {
            return "health ping failed";
        }

        return null;
    }

    /// <summary>The status of a member with this name, Active first (a restarted silo reuses its name); None when unknown yet.</summary>
    private SiloStatus SiloStatusOf(string siloName)
    {
        var status = SiloStatus.None;
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Name != siloName)
            {
                continue;
            }

            if (member.Status == SiloStatus.Active)
            {
                return SiloStatus.Active;
            }

            status = member.Status;
        }
        return status;
    }

    private sealed class Entry(ServerLoadReport report)
    {
        public ServerLoadReport Report { get; set; } = report;

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset LastPinged { get; set; }

        public bool Pinging { get; set; }

        public bool PingFailed { get; set; }

        public string? Health { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} on silo {Silo} registered")]
    private partial void LogRegistered(string serverId, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} left the registry: {Reason}")]
    private partial void LogRemoved(string serverId, string reason);
}
