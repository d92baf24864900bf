using Orleans.Runtime;
using OrleansServe.Engine;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// Starts this silo's model servers once the silo is active (<c>Silo:Servers</c> of them, each loading
/// <c>Models:Load</c>), and drains them when the silo stops: new work goes elsewhere, queued work is handed back
/// to be routed to another server, in-flight work finishes, then the silo leaves.
/// </summary>
internal sealed partial class ModelServerStartup(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<SiloSettings> siloSettings,
    IOptions<ModelsOptions> modelsOptions,
    SiloReadiness readiness,
    ILogger<ModelServerStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a server's model load is tried again while the cluster cannot place the server yet.</summary>
    private static readonly TimeSpan PlacementPatience = TimeSpan.FromMinutes(2);

    private IReadOnlyList<string> ServerIdsOfThisSilo =>
        Enumerable.Range(0, siloSettings.Value.Servers).Select(i => ServerIds.For(silo.Name, i)).ToList();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ModelServerStartup), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _ = Task.Run(StartServersAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StartServersAsync()
    {
        var models = modelsOptions.Value.Load;
        var failed = new List<string>();
        foreach (var serverId in ServerIdsOfThisSilo)
        {
            var server = grains.GetGrain<IModelServerGrain>(serverId);
            foreach (var model in models)
            {
                try
                {
                    await LoadAsync(server, serverId, model);
                }
                catch (Exception ex)
                {
                    failed.Add(model);
                    LogLoadFailed(ex, serverId, model);
                }
            }
        }
        readiness.MarkReady();
        LogStarted(siloSettings.Value.Servers, string.Join(", ", models.Except(failed)));
    }

    /// <summary>
    /// Loads one model, trying again while the cluster cannot yet place the server: a silo that started while the
    /// membership store was away joins when it is back, and for a while the other silos' views may not list it yet
    /// ("Trying to register … on invalid silo"). A model that cannot load (no manifest, bad file) fails at once.
    /// </summary>
    private async Task LoadAsync(IModelServerGrain server, string serverId, string model)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await server.LoadModelAsync(model);
                return;
            }
            catch (OrleansException ex) when (TimeProvider.System.GetElapsedTime(started) < PlacementPatience)
            {
                LogLoadRetried(ex.Message, serverId, model);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        readiness.MarkNotReady("stopping");
        try
        {
            await Task.WhenAll(ServerIdsOfThisSilo.Select(id => grains.GetGrain<IModelServerGrain>(id).DrainAsync())).WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogDrainFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Servers} model server(s) with models {Models}")]
    private partial void LogStarted(int servers, string models);

    [LoggerMessage(Level = LogLevel.Error, Message = "Server {ServerId} could not load model {Model}")]
    private partial void LogLoadFailed(Exception ex, string serverId, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {ServerId} could not load model {Model} yet, trying again in 1 s: {Reason}")]
    private partial void LogLoadRetried(string reason, string serverId, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining this silo's servers did not finish")]
    private partial void LogDrainFailed(Exception ex);
}
