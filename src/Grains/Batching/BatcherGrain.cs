using Orleans.Concurrency;

namespace OrleansServe.Grains.Batching;

/// <summary>
/// Serves the silo's <see cref="Batcher"/> for one model (its key) to cluster clients that do not share its process.
/// A local stateless worker, so the request path never leaves the caller's silo until the router calls the chosen
/// server.
/// </summary>
[StatelessWorker, Reentrant]
internal sealed class BatcherGrain(Batcher batcher) : Grain, IBatcherGrain
{
    public async Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await batcher.InferAsync(this.GetPrimaryKeyString(), request, cancellationToken);
        return outcome.Response ?? throw outcome.Error!.ToException();
    }
}
