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
    private readonly ILogger _logger;
    private readonly Thread[] _workers;
    private long _sequence;
    private int _inFlight;
    private long _inFlightMicros;
    private long _started;
    private int _disposed;

    public InferenceEngine(IOptions<ModelsOptions> models, IOptions<EngineOptions> options, ILogger<InferenceEngine> logger, IMeterFactory? meterFactory = null)
    {
        _options = options.Value;
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
        ArgumentNullException.ThrowIfNull(request);
        if (!_catalog.TryGet(request.Model, out var manifest))
        {
            return Fail(request, InferenceErrorKind.UnknownModel, $"No manifest names model '{request.Model}'.");
        }
        var model = _registry.TryGetReady(request.Model);
        if (model is null)
        {
            return Fail(request, InferenceErrorKind.ModelNotLoaded, $"Model '{request.Model}' is not loaded on this silo.");
        }
        if (manifest.IsImageModel ? request.Image is not { Length: > 0 } : request.Tokens < 0)
        {
            return Fail(request, InferenceErrorKind.BadInput,
                manifest.IsImageModel ? $"Model '{request.Model}' needs an image." : $"Token count {request.Tokens} is negative.");
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Fail(request, InferenceErrorKind.Cancelled, "The caller cancelled the request.");
        }

        var expectedMs = model.ExpectedServiceMs(request.Tokens);
        var item = new WorkItem(request, expectedMs, model.MaxBatch, Interlocked.Increment(ref _sequence), _metrics, cancellationToken);
        var remainingMs = item.RemainingMs(DateTime.UtcNow.Ticks);
        if (remainingMs < expectedMs)
        {
            return Fail(request, InferenceErrorKind.DeadlineExceeded,
                $"{Math.Max(0, remainingMs):F0} ms left before the deadline; the work needs about {expectedMs:F0} ms.");
        }
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the item is visible to workers, so they never race with this assignment.
            item.Registration = cancellationToken.UnsafeRegister(static state =>
            {
                var (engine, work) = ((InferenceEngine, WorkItem))state!;
                engine.CancelQueued(work);
            }, (this, item));
        }
        switch (_queue.TryEnqueue(item))
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
        return item.Task;
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

    private Task<InferenceResult> Fail(InferenceRequest request, InferenceErrorKind kind, string message)
    {
        _metrics.Finished(request.Model, kind.ToString());
        return Task.FromException<InferenceResult>(new InferenceException(kind, message));
    }
}
