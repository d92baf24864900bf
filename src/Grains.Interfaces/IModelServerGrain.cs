namespace OrleansServe;

/// <summary>
/// A model server pinned to one silo (its key names the silo): holds loaded models, queues work on its own lane of
/// the silo's inference engine and reports its load.
/// </summary>
[Alias("OrleansServe.IModelServerGrain")]
public interface IModelServerGrain : IGrainWithStringKey
{
    /// <summary>Runs a batch for one model; each item gets its own outcome. Cancelled by the caller's deadline.</summary>
    [Alias("InferAsync")]
    Task<IReadOnlyList<InferenceOutcome>> InferAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default);

    /// <summary>Loads a model on this server (and its silo's engine) so it can be routed to.</summary>
    [Alias("LoadModelAsync")]
    Task LoadModelAsync(string model);

    /// <summary>Unloads a model from this server; its memory is freed once no server of the silo holds it.</summary>
    [Alias("UnloadModelAsync")]
    Task UnloadModelAsync(string model);

    /// <summary>Current load, the same report the registry receives.</summary>
    [Alias("GetReportAsync")]
    Task<ServerLoadReport> GetReportAsync();

    /// <summary>Stops taking new work, finishes in-flight work and hands queued work back as <see cref="InferenceErrorKind.Draining"/>.</summary>
    [Alias("DrainAsync")]
    Task DrainAsync();
}
