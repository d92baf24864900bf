namespace OrleansServe.Engine;

/// <summary>
/// A lane of the engine (see <see cref="IEngineLane"/>): admission, its bounded earliest-deadline-first queue, and
/// its dedicated worker threads (never the thread pool) that take batches from it.
/// </summary>
internal sealed partial class EngineLane : IEngineLane
{
    private readonly InferenceEngine _engine;
    private readonly WorkQueue _queue;
    private readonly Thread[] _workers;
    private readonly WaitCorrection _waitCorrection = new();
    private int _inFlight;
    private long _inFlightMicros;

    public EngineLane(InferenceEngine engine, string owner, int workers)
    {
        _engine = engine;
        Owner = owner;
        _queue = new WorkQueue(engine.Options.MaxQueue, engine.Time, workers);
        _workers = new Thread[workers];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"inference-{owner}-{i}" };
            _workers[i].Start();
        }
    }

    public string Owner { get; }

    public int Workers => _workers.Length;

    public Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var run = Admit(request, group: null, cancellationToken, out var item);
        if (item is not null)
        {
            Queue([item], cancellationToken);
        }

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
            if (item is not null)
            {
                admitted.Add(item);
            }
        }
        Queue(admitted, cancellationToken);
        group.Done();
        return group.Task;
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

    /// <summary>The expected wait is this lane's work (waiting and running, in milliseconds) spread over its workers.</summary>
    public EngineSnapshot Snapshot() => new(_queue.Count, Volatile.Read(ref _inFlight), _workers.Length,
        (_queue.QueuedMs + Interlocked.Read(ref _inFlightMicros) / 1000.0) / _workers.Length, _engine.Options.MaxQueue);

    /// <summary>Closes the queue (new work fails Draining), fails what waits, and lets the workers end after their batch.</summary>
    public int Close(string reason)
    {
        _queue.Close();
        return RejectQueued(reason);
    }

    /// <summary>Waits (bounded) for the workers to finish their last batch.</summary>
    public void Join(TimeSpan timeout)
    {
        foreach (var worker in _workers)
        {
            worker.Join(timeout);
        }
    }

    /// <summary>Checks a request and makes its work item, or returns its failed run (and no item) when it cannot be queued.</summary>
    private Task<InferenceResult> Admit(InferenceRequest request, WorkGroup? group, CancellationToken cancellationToken, out WorkItem? item)
    {
        ArgumentNullException.ThrowIfNull(request);
        item = null;
        if (!_engine.TryGetManifest(request.Model, out var manifest))
        {
            return Fail(request, group, InferenceErrorKind.UnknownModel, $"No manifest names model '{request.Model}'.");
        }
        var model = _engine.TryGetReady(request.Model);
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
        var expectedWaitMs = Snapshot().ExpectedWaitMs;
        var work = new WorkItem(request, expectedMs, model.MaxBatch, _engine.NextSequence(), _engine.Metrics, cancellationToken)
        {
            Group = group,
            AdmittedWaitMs = expectedWaitMs,
        };
        var remainingMs = work.RemainingMs(_engine.Time.GetUtcNow().UtcTicks);
        if (remainingMs < expectedMs)
        {
            return Fail(request, group, InferenceErrorKind.DeadlineExceeded,
                $"{Math.Max(0, remainingMs):F0} ms left before the deadline; the work needs about {expectedMs:F0} ms.");
        }
        var maxWaitMs = _engine.Options.MaxQueueWaitMs;
        if (maxWaitMs > 0 && expectedWaitMs * _waitCorrection.Factor > maxWaitMs)
        {
            return Fail(request, group, InferenceErrorKind.Overloaded,
                $"Server {Owner} already holds more than {maxWaitMs} ms of work per worker (Engine:MaxQueueWaitMs).");
        }
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the item is visible to workers, so they never race with this assignment.
            work.Registration = cancellationToken.UnsafeRegister(static state =>
            {
                var (lane, queued) = ((EngineLane, WorkItem))state!;
                lane.CancelQueued(queued);
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
                    item.TryFail(new InferenceException(InferenceErrorKind.Overloaded, $"Server {Owner}'s queue is full ({_engine.Options.MaxQueue} requests)."));
                    break;
                case EnqueueOutcome.Closed:
                    item.TryFail(new InferenceException(InferenceErrorKind.Draining, $"Server {Owner} is stopping."));
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

    private void CancelQueued(WorkItem item)
    {
        if (_queue.TryRemove(item))
        {
            item.TryFail(new InferenceException(InferenceErrorKind.Cancelled, "The caller cancelled the request while it was queued."));
        }
    }

    private Task<InferenceResult> Fail(InferenceRequest request, WorkGroup? group, InferenceErrorKind kind, string message)
    {
        _engine.Metrics.Finished(request.Model, kind.ToString());
        group?.Done();
        return Task.FromException<InferenceResult>(new InferenceException(kind, message));
    }
}
