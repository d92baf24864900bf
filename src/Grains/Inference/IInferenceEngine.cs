namespace OrleansServe.Grains.Inference;

/// <summary>
/// The silo-local inference engine that model-server grains call: the model catalog (manifests), the loaded
/// models (ONNX sessions, simulated token models), and one deadline-aware queue drained by a worker pool
/// sized to the silo's cores. CPU work never runs on the caller's (Orleans scheduler) thread.
/// </summary>
public interface IInferenceEngine
{
    /// <summary>Every model a manifest describes, loaded or not.</summary>
    IReadOnlyCollection<ModelManifest> Catalog { get; }

    /// <summary>Names of the models loaded on this silo.</summary>
    IReadOnlyCollection<string> LoadedModels { get; }

    /// <summary>Loads a model (idempotent, reference-counted by <paramref name="holder"/>): creates and warms its session, or allocates a simulated model's memory.</summary>
    /// <exception cref="InferenceException">UnknownModel when no manifest names it.</exception>
    Task LoadAsync(string model, string holder, CancellationToken cancellationToken = default);

    /// <summary>Releases <paramref name="holder"/>'s hold; the model's memory is freed when no holder is left.</summary>
    void Unload(string model, string holder);

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

    /// <summary>Fails every queued (not yet started) request with <see cref="InferenceErrorKind.Draining"/> and returns how many.</summary>
    int RejectQueued(string reason);

    /// <summary>Queue length, work in flight and the expected wait for newly queued work.</summary>
    EngineSnapshot Snapshot();

    /// <summary>Expected service time of one request of this model (measured EWMA, or the manifest's formula before any).</summary>
    double ExpectedServiceMs(string model, int tokens);
}
