using System.Diagnostics.Metrics;

namespace OrleansServe.Engine;

/// <summary>
/// The silo-local engine: the model catalog and the loaded models (shared by the whole silo), and one
/// <see cref="IEngineLane"/> per model server, each with its own queue and worker threads.
/// </summary>
internal sealed partial class InferenceEngine : IInferenceEngine, IDisposable
{
    /// <summary>The lane of callers that are not model servers (benchmarks, tests): opened on first use.</summary>
    internal const string SharedLane = "engine";

    /// <summary>Expected time of one image before its model is loaded and measured.</summary>
    private const double UnmeasuredImageMs = 20;

    private readonly ManifestCatalog _catalog;
    private readonly ModelRegistry _registry = new();
    private readonly Dictionary<string, EngineLane> _lanes = new(StringComparer.Ordinal);
    private readonly CpuInt8Support _cpu;
    private readonly bool _fetchPretrained;
    private readonly TimeSpan _fetchTimeout;
    private long _sequence;
    private long _started;
    private int _disposed;

    public InferenceEngine(ManifestCatalog catalog, IOptions<ModelsOptions> models, IOptions<EngineOptions> options, CpuInt8Support cpu, ILogger<InferenceEngine> logger,
        IMeterFactory? meterFactory = null, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Options = options.Value;
        _cpu = cpu;
        _fetchPretrained = models.Value.FetchPretrained;
        _fetchTimeout = TimeSpan.FromSeconds(models.Value.FetchTimeoutSeconds);
        Logger = logger;
        _catalog = catalog;
        EngineLog.CatalogLoaded(logger, _catalog.Manifests.Count, _catalog.Directory);
        Metrics = new EngineMetrics(meterFactory, Snapshot);
        EngineLog.EngineStarted(logger, Options.ResolvedWorkers, Options.ResolvedIntraOpThreads, Options.MaxBatchSize, Options.MaxQueue);
    }

    internal EngineOptions Options { get; }

    /// <summary>The clock of deadlines: admission and the queue compare them with its time (a fake one in tests).</summary>
    internal TimeProvider Time { get; }

    internal EngineMetrics Metrics { get; }

    internal ILogger Logger { get; }

    /// <summary>Test hook: called on the worker thread as each request starts computing.</summary>
    internal Action<InferenceRequest>? OnStarted { get; set; }

    /// <summary>Requests that reached a worker and started computing (shed ones never do).</summary>
    internal long StartedCount => Interlocked.Read(ref _started);

    public IReadOnlyCollection<ModelManifest> Catalog => _catalog.Manifests;

    public IReadOnlyCollection<string> LoadedModels => _registry.Ready;

    public IEngineLane Lane(string owner)
    {
        lock (_lanes)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (!_lanes.TryGetValue(owner, out var lane))
            {
                _lanes.Add(owner, lane = new EngineLane(this, owner, Options.ResolvedWorkers));
            }
            return lane;
        }
    }

    public int CloseLane(string owner, string reason)
    {
        EngineLane? lane;
        lock (_lanes)
        {
            if (!_lanes.Remove(owner, out lane))
            {
                return 0;
            }
        }
        return lane.Close(reason);
    }

    public Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default) =>
        Lane(SharedLane).RunAsync(request, cancellationToken);

    public Task<IReadOnlyList<Task<InferenceResult>>> RunManyAsync(IReadOnlyList<InferenceRequest> requests, CancellationToken cancellationToken = default) =>
        Lane(SharedLane).RunManyAsync(requests, cancellationToken);

    /// <summary>The whole silo: every lane's queue, bound and work in flight, and the expected wait over all their workers.</summary>
    public EngineSnapshot Snapshot()
    {
        var (queue, inFlight, workers, pendingMs, limit) = (0, 0, 0, 0.0, 0);
        foreach (var lane in Lanes())
        {
            var snapshot = lane.Snapshot();
            (queue, inFlight, workers, limit) = (queue + snapshot.QueueLength, inFlight + snapshot.InFlight, workers + snapshot.Workers, limit + snapshot.QueueLimit);
            pendingMs += snapshot.ExpectedWaitMs * snapshot.Workers;
        }
        return new EngineSnapshot(queue, inFlight, workers, workers == 0 ? 0 : pendingMs / workers, limit);
    }

    public double ExpectedServiceMs(string model, int tokens)
    {
        if (_registry.TryGetReady(model) is { } loaded)
        {
            return loaded.ExpectedServiceMs(tokens);
        }
        if (!_catalog.TryGet(model, out var manifest))
        {
            throw new InferenceException(InferenceErrorKind.UnknownModel, $"No manifest names model '{model}'.");
        }
        return manifest.IsImageModel ? UnmeasuredImageMs : SimulatedTokenModel.Formula(manifest, tokens);
    }

    internal bool TryGetManifest(string model, out ModelManifest manifest) => _catalog.TryGet(model, out manifest);

    internal LoadedModel? TryGetReady(string model) => _registry.TryGetReady(model);

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Started(InferenceRequest request)
    {
        Interlocked.Increment(ref _started);
        OnStarted?.Invoke(request);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        List<EngineLane> lanes;
        lock (_lanes)
        {
            lanes = [.. _lanes.Values];
            _lanes.Clear();
        }
        foreach (var lane in lanes)
        {
            lane.Close("The engine is stopping.");
        }
        foreach (var lane in lanes)
        {
            lane.Join(TimeSpan.FromSeconds(5));
        }
        _registry.Dispose();
        Metrics.Dispose();
    }

    private List<EngineLane> Lanes()
    {
        lock (_lanes)
        {
            return [.. _lanes.Values];
        }
    }
}
