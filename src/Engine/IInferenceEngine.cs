namespace OrleansServe.Engine;

/// <summary>
/// The silo-local inference engine: the model catalog (manifests) and the loaded models (ONNX sessions, simulated
/// token models), loaded once per silo, and one <see cref="IEngineLane"/> per model server, each with its own
/// deadline-aware queue and <c>Engine:Workers</c> worker threads. CPU work never runs on the caller's thread.
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

    /// <summary>The lane of <paramref name="owner"/> (a model server), opened with its workers on first use.</summary>
    IEngineLane Lane(string owner);

    /// <summary>
    /// Closes <paramref name="owner"/>'s lane: its queued requests fail with <see cref="InferenceErrorKind.Draining"/>
    /// and <paramref name="reason"/> (returns how many), running batches finish, its workers end.
    /// </summary>
    int CloseLane(string owner, string reason);

    /// <summary>Runs one request on the engine's shared lane (callers that are not model servers: benchmarks, tests); see <see cref="IEngineLane.RunAsync"/>.</summary>
    Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs requests on the engine's shared lane; see <see cref="IEngineLane.RunManyAsync"/>.</summary>
    Task<IReadOnlyList<Task<InferenceResult>>> RunManyAsync(IReadOnlyList<InferenceRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>The whole silo: every lane's queue and work in flight, their workers, and the expected wait over them.</summary>
    EngineSnapshot Snapshot();

    /// <summary>Expected service time of one request of this model (measured EWMA, or the manifest's formula before any).</summary>
    double ExpectedServiceMs(string model, int tokens);
}
