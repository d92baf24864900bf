namespace OrleansServe;

/// <summary>Per model, one per silo: gathers concurrent requests into batches and routes each batch.</summary>
[Alias("OrleansServe.IBatcherGrain")]
public interface IBatcherGrain : IGrainWithStringKey
{
    /// <summary>Serves one request as part of a batch; throws <see cref="InferenceException"/> when it cannot.</summary>
    [Alias("InferAsync")]
    Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default);
}
