using System.Collections.Concurrent;
using Orleans.Runtime;

namespace OrleansServe.Grains.Routing;

/// <summary>
/// This silo's cached copy of the registry's server list, refreshed every <see cref="RouterOptions.ViewRefreshMs"/>
/// off the request path, plus the work this silo has sent to each server since (so two requests between reports
/// do not both see an idle server).
/// </summary>
public sealed partial class ServerViewCache(
    IGrainFactory grains,
    ClusterCpuAccount cpu,
    SiloWatch watch,
    TimeProvider time,
    IOptions<RouterOptions> options,
    ILogger<ServerViewCache> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepMissingFor = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, int> _outstanding = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile IReadOnlyList<ServerView> _servers = [];
    private TaskCompletionSource _firstView = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ServerView> Servers => _servers;

    /// <summary>Completes once a first view has been read (or at once if one has).</summary>
    public Task FirstView => _firstView.Task;

    public int Outstanding(string serverId) => _outstanding.TryGetValue(serverId, out var n) ? n : 0;

    public void AddOutstanding(string serverId, int delta) => _outstanding.AddOrUpdate(serverId, delta, (_, n) => Math.Max(0, n + delta));

    /// <summary>Reads the registry now (also used after load/unload so routing follows at once).</summary>
    public async Task RefreshAsync()
    {
        // Bounded: a registry that is moving must not freeze this silo's view for a response timeout.
        var fresh = await grains.GetGrain<IServerRegistryGrain>(0).GetServersAsync().WaitAsync(RefreshTimeout);
        _servers = Merge(_servers, fresh, silo => !watch.Lifetime(silo).IsCancellationRequested, time.GetUtcNow().UtcDateTime);
        cpu.Observe(_servers);
        _firstView.TrySetResult();
    }

    /// <summary>
    /// The registry's answer, plus the servers of the previous view it lacks while their silo is still an active
    /// member, they were serving (healthy, not draining) and their last report is under <see cref="KeepMissingFor"/>
    /// old. A registry re-activated after its silo was killed starts empty, and the other silos' one-way reports can
    /// go on reaching the dead activation until membership declares that silo dead: for those seconds its answer
    /// lacks servers that are serving, and every request would find no server (seen in the kill -9 test).
    /// </summary>
    public static IReadOnlyList<ServerView> Merge(IReadOnlyList<ServerView> previous, IReadOnlyList<ServerView> fresh,
        Func<string, bool> siloActive, DateTime nowUtc)
    {
        var answered = fresh.Select(s => s.ServerId).ToHashSet(StringComparer.Ordinal);
        var kept = previous.Where(s => !answered.Contains(s.ServerId) && s.Healthy && s.Report is { Draining: false } report
            && nowUtc - report.TimestampUtc < KeepMissingFor && siloActive(s.SiloName)).ToList();
        return kept.Count == 0 ? fresh : [.. fresh, .. kept];
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ServerViewCache), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _ = Task.Run(RefreshLoopAsync);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ViewRefreshMs));
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshing the server view failed")]
    private partial void LogRefreshFailed(Exception ex);
}
