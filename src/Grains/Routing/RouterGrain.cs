using Orleans.Concurrency;

namespace OrleansServe.Grains.Routing;

/// <summary>The silo's <see cref="BatchRouter"/> as a local stateless worker, for callers outside the silo's batchers.</summary>
[StatelessWorker, Reentrant]
public sealed class RouterGrain(BatchRouter router) : Grain, IRouterGrain
{
    public Task<IReadOnlyDictionary<string, CircuitState>> GetCircuitsAsync() => Task.FromResult(router.Circuits);

    public Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default) =>
        router.RouteAsync(model, batch, cancellationToken);
}
