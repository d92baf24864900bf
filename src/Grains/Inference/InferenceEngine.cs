using System.Diagnostics.Metrics;

namespace OrleansServe.Grains.Inference;

/// <summary>
/// The silo-local engine: the model catalog, the loaded models, one bounded earliest-deadline-first queue and a
/// pool of dedicated worker threads (never the thread pool, never the caller's thread) that take batches from it.
/// </summary>
internal sealed partial class InferenceEngine : IInferenceEngine, IDisposable
{
    /// <summary>Expected time of one image before its model is loaded and measured.</summary>
    private const double UnmeasuredImageMs = 20;

    private readonly EngineOptions _options;
    private readonly ModelCatalog _catalog;
    private readonly ModelRegistry _registry = new();
    private readonly WorkQueue _queue;
    private readonly EngineMetrics _metrics;
    private readonly CpuInt8Support _cpu;
    private readonly bool _fetchPretrained;
    private readonly TimeSpan _fetchTimeout;
    private readonly ILogger _logger;
    private readonly Thread[] _workers;
    private long _sequence;
    private int _inFlight;
    private long _inFlightMicros;
    private long _started;
    private int _disposed;

    public InferenceEngine(IOptions<ModelsOptions> models, IOptions<EngineOptions> options, CpuInt8Support cpu, ILogger<InferenceEngine> logger, IMeterFactory? meterFactory = null)
    {
        _options = options.Value;
        _cpu = cpu;
        _fetchPretrained = models.Value.FetchPretrained;
        _fetchTimeout = TimeSpan.FromSeconds(models.Value.FetchTimeoutSeconds);
        _logger = logger;
        _catalog = ModelCatalog.Load(models.Value.Directory);
        EngineLog.CatalogLoaded(logger, _catalog.Manifests.Count, _catalog.Directory);
        _queue = new WorkQueue(_options.MaxQueue);
        _metrics = new EngineMetrics(meterFactory, Snapshot);
        _workers = new Thread[_options.ResolvedWorkers];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"inference-worker-{i}" };
            _workers[i].Start();
        }
        EngineLog.EngineStarted(logger, _workers.Length, _options.ResolvedIntraOpThreads, _options.MaxBatchSize, _options.MaxQueue);
    }

    /// <summary>Test hook: called on the worker thread as each request starts computing.</summary>
    internal Action<InferenceRequest>? OnStarted { get; set; }

    /// <summary>Requests that reached a worker and started computing (shed ones never do).</summary>
    internal long StartedCount => Interlocked.Read(ref _started);

    public IReadOnlyCollection<ModelManifest> Catalog => _catalog.Manifests;

    public IReadOnlyCollection<string> LoadedModels => _registry.Ready;

    public string ModelsDirectory => _catalog.Directory;

    public Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var run = Admit(request, group: null, cancellationToken, out var item);
        if (item is not null) Queue([item], cancellationToken);
        return run;
    }

    public Task<IReadOnlyList<Task<InferenceResult>>> RunManyAsync(IReadOnlyList<InferenceRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var runs = new Task<InferenceResult>[requests.Count];
        var group = new WorkGroup(runs);
        var admitted = new List<WorkItem>(runs.Length);
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = Admit(requests[i], group, cancellationToken, out var item);
            if (item is not null) admitted.Add(item);
        }
        Queue(admitted, cancellationToken);
        group.Done();
        return group.Task;
    }

    /// <summary>Checks a request and makes its work item, or returns its failed run (and no item) when it cannot be queued.</summary>
    private Task<InferenceResult> Admit(InferenceRequest request, WorkGroup? group, CancellationToken cancellationToken, out WorkItem? item)
    {
        ArgumentNullException.ThrowIfNull(request);
        item = null;
        if (!_catalog.TryGet(request.Model, out var manifest))
        {
            return Fail(request, group, InferenceErrorKind.UnknownModel, $"No manifest names model '{request.Model}'.");
        }
        var model = _registry.TryGetReady(request.Model);
        if (model is null)
        {
            return Fail(request, group, InferenceErrorKind.ModelNotLoaded, $"Model '{request.Model}' is not loaded on this silo.");
        }
        if (manifest.IsImageModel ? request.Image is not { Length: > 0 } : request.Tokens < 0)
        {
            return Fail(request, group, InferenceErrorKind.BadInput,
                manifest.IsImageModel ? $"Model '{request.Model}' needs an image." : $"Token count {request.Tokens} is negative.");
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Fail(request, group, InferenceErrorKind.Cancelled, "The caller cancelled the request.");
        }

        var expectedMs = model.ExpectedServiceMs(request.Tokens);
        var work = new WorkItem(request, expectedMs, model.MaxBatch, Interlocked.Increment(ref _sequence), _metrics, cancellationToken) { Group = group };
        var remainingMs = work.RemainingMs(DateTime.UtcNow.Ticks);
        if (remainingMs < expectedMs)
        {
            return Fail(request, group, InferenceErrorKind.DeadlineExceeded,
                $"{Math.Max(0, remainingMs):F0} ms left before the deadline; the work needs about {expectedMs:F0} ms.");
        }
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the item is visible to workers, so they never race with this assignment.
            work.Registration = cancellationToken.UnsafeRegister(static state =>
            {
                var (engine, queued) = ((InferenceEngine, WorkItem))state!;
                engine.CancelQueued(queued);
            }, (this, work));
        }
        item = work;
        return work.Task;
    }

    private void Queue(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        var outcomes = _queue.TryEnqueue(items);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            switch (outcomes[i])
            {
                case EnqueueOutcome.Full:
                    item.TryFail(new InferenceException(InferenceErrorKind.Overloaded, $"The engine's queue is full ({_options.MaxQueue} requests)."));
                    break;
                case EnqueueOutcome.Closed:
                    item.TryFail(new InferenceException(InferenceErrorKind.Draining, "The engine is stopping."));
                    break;
                default:
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Cancelled while being queued: the callback ran before the item was in the queue.
                        CancelQueued(item);
                    }
                    break;
            }
        }
    }

    public int RejectQueued(string reason)
    {
        var items = _queue.RemoveAll();
        foreach (var item in items)
        {
            item.TryFail(new InferenceException(InferenceErrorKind.Draining, reason));
        }
        return items.Count;
    }

    public EngineSnapshot Snapshot()
    {
        var inFlightMs = Interlocked.Read(ref _inFlightMicros) / 1000.0;
        return new EngineSnapshot(_queue.Count, Volatile.Read(ref _inFlight), _workers.Length, (_queue.QueuedMs + inFlightMs) / _workers.Length);
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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _queue.Close();
        RejectQueued("The engine is stopping.");
        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(5));
        }
        _registry.Dispose();
        _metrics.Dispose();
    }

    private void CancelQueued(WorkItem item)
    {
        if (_queue.TryRemove(item))
        {
            item.TryFail(new InferenceException(InferenceErrorKind.Cancelled, "The caller cancelled the request while it was queued."));
        }
    }

    private Task<InferenceResult> Fail(InferenceRequest request, WorkGroup? group, InferenceErrorKind kind, string message)
    {
        _metrics.Finished(request.Model, kind.ToString());
        group?.Done();
        return Task.FromException<InferenceResult>(new InferenceException(kind, message));
    }
}
