using System.Diagnostics;
using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansServe.Engine;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// A model server pinned to its silo, and the unit of capacity: it owns a lane of the silo's engine (its own queue
/// and <c>Engine:Workers</c> worker threads, which batch requests again by model), queues each request of a batch
/// there and returns as soon as they are done; it never computes on its own turn. Reports its lane's load to the
/// registry every report period (<c>Silo:ReportMs</c>, a second); draining hands back only its own queue.
/// </summary>
[PinnedToSilo, Reentrant]
internal sealed partial class ModelServerGrain(
    IInferenceEngine engine,
    ProcessLoad processLoad,
    ServerModelSets modelSets,
    ILocalSiloDetails silo,
    ILogger<ModelServerGrain> logger) : Grain, IModelServerGrain
{
    private readonly Dictionary<string, ModelStatsWindow> _stats = new(StringComparer.Ordinal);
    private IGrainTimer? _reportTimer;
    private IEngineLane _lane = null!;
    private bool _draining;
    private int _inFlight;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The lane outlives an activation (a server re-activated after losing its directory entry finds its queue).
        _lane = engine.Lane(Id);
        _reportTimer = this.RegisterGrainTimer(ReportAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = processLoad.ReportPeriod,
            Interleave = true,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<InferenceOutcome>> InferAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default)
    {
        if (_draining)
        {
            return Fail(batch, InferenceErrorKind.Draining, $"Server {Id} is draining.");
        }

        if (!modelSets.Contains(Id, model))
        {
            return Fail(batch, InferenceErrorKind.ModelNotLoaded, $"Server {Id} does not have model '{model}' loaded.");
        }

        _inFlight += batch.Count;
        using var activity = ServeTracing.Source.StartActivity("server.infer");
        if (activity is not null)
        {
            activity.SetTag(ServeTracing.ServerId, Id);
            activity.SetTag(ServeTracing.Silo, silo.Name);
            activity.SetTag(ServeTracing.Model, model);
            activity.SetTag(ServeTracing.BatchSize, batch.Count);
        }
        try
        {
            var runs = await _lane.RunManyAsync(batch, cancellationToken);
            var stats = StatsFor(model);
            var outcomes = new InferenceOutcome[batch.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = Outcome(model, batch[i], runs[i], stats, cancellationToken);
            }
            return outcomes;
        }
        finally
        {
            _inFlight -= batch.Count;
        }
    }

    /// <summary>A finished engine run as the request's outcome, counted in the model's stats.</summary>
    private InferenceOutcome Outcome(string model, InferenceRequest request, Task<InferenceResult> run, ModelStatsWindow stats, CancellationToken cancellationToken)
    {
        if (run.IsCompletedSuccessfully)
        {
            var timings = run.Result.Timings;
            stats.Served(request.Tokens, timings.InferenceMs / Math.Max(1, timings.BatchSize), timings.QueueMs + timings.InferenceMs);
            return InferenceOutcome.Ok(new InferenceResponse(request.Id, model, Id, run.Result.Predictions, timings));
        }
        switch (run.IsCanceled ? new OperationCanceledException() : run.Exception!.InnerException!)
        {
            case InferenceException ex:
                stats.Failed();
                return InferenceOutcome.Fail(ex.Kind, ex.Message);
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return InferenceOutcome.Fail(InferenceErrorKind.Cancelled, "The request was cancelled.");
            case OperationCanceledException:
                // Nobody asked to cancel: the silo is shutting down under the work. Hand it back to be routed elsewhere.
                return InferenceOutcome.Fail(InferenceErrorKind.Draining, $"Server {Id} is stopping.");
            case var ex:
                stats.Failed();
                LogInferenceFailed(ex, Id, model);
                return InferenceOutcome.Fail(InferenceErrorKind.Internal, $"Inference failed on server {Id}: {ex.Message}");
        }
    }

    public async Task LoadModelAsync(string model)
    {
        await engine.LoadAsync(model, Id);
        modelSets.Add(Id, model);
        LogModelLoaded(Id, model);
        await ReportAsync(CancellationToken.None);
    }

    public async Task UnloadModelAsync(string model)
    {
        if (modelSets.Remove(Id, model))
        {
            engine.Unload(model, Id);
            LogModelUnloaded(Id, model);
        }
        await ReportAsync(CancellationToken.None);
    }

    public Task<ServerLoadReport> GetReportAsync() => Task.FromResult(BuildReport(takeCounts: false));

    public async Task DrainAsync()
    {
        if (_draining)
        {
            return;
        }

        // Queued work goes back to its routers at once (to another server: a retry tries untried servers first), before
        // the report that stops them choosing this one; what arrives meanwhile is refused as draining and goes elsewhere too.
        _draining = true;
        var handedBack = engine.CloseLane(Id, $"Server {Id} is draining.");
        await ReportAsync(CancellationToken.None);
        var waited = Stopwatch.StartNew();
        while (_inFlight > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }
        _reportTimer?.Dispose();
        await GrainFactory.GetGrain<IServerRegistryGrain>(0).RemoveAsync(Id);
        LogDrained(Id, handedBack, waited.ElapsedMilliseconds);
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        if (_reportTimer is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IServerRegistryGrain>(0).ReportAsync(BuildReport(takeCounts: true));
        }
        catch (Exception ex)
        {
            LogReportFailed(ex, Id);
        }
    }

    private ServerLoadReport BuildReport(bool takeCounts)
    {
        var lane = _lane.Snapshot();
        var perModel = _stats.ToDictionary(kv => kv.Key, kv => takeCounts ? kv.Value.TakeReport() : kv.Value.Peek());
        return new ServerLoadReport(
            Id, silo.Name, silo.SiloAddress.ToString(), modelSets.Of(Id).ToList(),
            lane.QueueLength, _inFlight, lane.ExpectedWaitMs,
            processLoad.CpuPercent(), ProcessLoad.MemoryMb(), Environment.ProcessorCount, perModel, _draining, DateTime.UtcNow,
            ProcessLoad.CpuSeconds(), lane.Workers);
    }

    private ModelStatsWindow StatsFor(string model)
    {
        if (!_stats.TryGetValue(model, out var stats))
        {
            _stats[model] = stats = new ModelStatsWindow();
        }

        return stats;
    }

    private static InferenceOutcome[] Fail(IReadOnlyList<InferenceRequest> batch, InferenceErrorKind kind, string message) =>
        batch.Select(_ => InferenceOutcome.Fail(kind, message)).ToArray();

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} loaded model {Model}")]
    private partial void LogModelLoaded(string serverId, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} unloaded model {Model}")]
    private partial void LogModelUnloaded(string serverId, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId} drained: {HandedBack} queued requests handed back, in-flight finished after {ElapsedMs} ms")]
    private partial void LogDrained(string serverId, int handedBack, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inference failed on server {ServerId} for model {Model}")]
    private partial void LogInferenceFailed(Exception ex, string serverId, string model);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Server {ServerId} could not report its load")]
    private partial void LogReportFailed(Exception ex, string serverId);
}
