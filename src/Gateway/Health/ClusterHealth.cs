using Orleans.Runtime;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using OrleansServe.Grains;
using OrleansServe.Hosting;

namespace OrleansServe.Gateway.Health;

/// <summary>
/// Readiness of the whole service as this gateway sees it: the registry lists at least one healthy server and, when
/// this process hosts model servers (embedded), they have loaded their models. In Redis mode the gateway's silo hosts
/// none (<c>Silo:Servers=0</c>), so the registry alone decides. Cached briefly so probes do not load the registry.
/// </summary>
public sealed class ClusterHealth(IGrainFactory grains, SiloReadiness readiness, IOptions<SiloSettings> silo,
    IOptions<ClusterSettings> cluster, IOptions<GatewayOptions> gateway, IConfiguration configuration, ModelCatalog catalog,
    ILocalSiloDetails localSilo, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RegistryTimeout = TimeSpan.FromSeconds(2);
    private Cached? _cached;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } c && time.GetUtcNow() - c.At < CacheFor)
        {
            return c.Report;
        }
        var report = await ComputeAsync(cancellationToken);
        Volatile.Write(ref _cached, new Cached(report, time.GetUtcNow()));
        return report;
    }

    /// <summary>The registry's servers, or null with the reason when it cannot be reached.</summary>
    public async Task<(IReadOnlyList<ServerView>? Servers, string? Error)> ServersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(RegistryTimeout);
            var servers = await grains.GetGrain<IServerRegistryGrain>(0).GetServersAsync().WaitAsync(cts.Token);
            return (servers, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"server registry unreachable: {e.GetType().Name}");
        }
    }

    /// <summary><c>Gateway:ReadyModels</c>, else <c>Models:Load</c> (array or comma-separated), else the whole catalog.</summary>
    private IEnumerable<string> RequiredModels()
    {
        if (gateway.Value.ReadyModels is { Length: > 0 } ready)
        {
            return ready;
        }
        var load = configuration.GetSection("Models:Load");
        if (load.Value is { } list)
        {
            return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var items = load.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0).ToList();
        return items.Count > 0 ? items : catalog.All.Select(m => m.Name);
    }

    private async Task<HealthReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var (servers, error) = await ServersAsync(cancellationToken);
        var healthy = servers?.Where(s => s.Healthy).ToList() ?? [];
        var models = healthy.SelectMany(s => s.Report?.Models ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        string? reason = null;
        if (silo.Value.Servers > 0 && !readiness.IsReady)
        {
            reason = $"model servers not ready: {readiness.Reason}";
        }
        else if (healthy.Count == 0)
        {
            reason = error ?? "no healthy model server in the cluster yet";
        }
        else if (RequiredModels().Except(models).ToList() is { Count: > 0 } missing)
        {
            reason = $"model(s) not loaded on any healthy server yet: {string.Join(", ", missing)}";
        }
        return new HealthReport(reason is null, localSilo.Name, cluster.Value.Mode.ToString(), healthy.Count, models, reason);
    }

    /// <summary>One immutable snapshot, swapped whole so concurrent probes never see a torn pair.</summary>
    private sealed record Cached(HealthReport Report, DateTimeOffset At);
}
