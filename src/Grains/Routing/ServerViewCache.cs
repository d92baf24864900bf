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
    IOptions<RouterOptions> options,
    ILogger<ServerViewCache> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(2);
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
        _servers = await grains.GetGrain<IServerRegistryGrain>(0).GetServersAsync().WaitAsync(RefreshTimeout);
        cpu.Observe(_servers);
        _firstView.TrySetResult();
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
