namespace OrleansServe.Engine;

/// <summary>
/// One model server's share of its silo's engine, and the unit of capacity the router and the scaler count: its own
/// deadline-aware queue drained by its own <see cref="Workers"/> worker threads. The models (ONNX sessions, simulated
/// models) are the silo's, loaded once and shared by every lane. CPU work never runs on the caller's thread.
/// </summary>
public interface IEngineLane
{
    /// <summary>Who owns the lane (a model server's id).</summary>
    string Owner { get; }

    /// <summary>Worker threads draining this lane's queue: its capacity in requests computed at once.</summary>
    int Workers { get; }

    /// <summary>
    /// Queues one request and completes when it has run (in a batch with other queued requests of its model).
    /// Throws <see cref="InferenceException"/>: BadInput/TooLarge for bad images, ModelNotLoaded, Overloaded when
    /// the queue is full, DeadlineExceeded when the work cannot finish before its deadline (shed before it is
    /// computed), Cancelled when <paramref name="cancellationToken"/> fires while it waits (it leaves the queue).
    /// </summary>
    Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues several requests as <see cref="RunAsync"/> does each, and completes once, when all have finished, with
    /// each one's finished task in order: one wake-up for a batch's caller instead of one per request.
    /// </summary>
    Task<IReadOnlyList<Task<InferenceResult>>> RunManyAsync(IReadOnlyList<InferenceRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Fails every request queued on this lane (not yet started) with <see cref="InferenceErrorKind.Draining"/> and returns how many.</summary>
    int RejectQueued(string reason);

    /// <summary>This lane's queue length, work in flight, workers and the expected wait for newly queued work.</summary>
    EngineSnapshot Snapshot();
}
