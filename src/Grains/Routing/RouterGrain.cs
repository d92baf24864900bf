using Orleans.Concurrency;

namespace OrleansServe.Grains.Routing;

/// <summary>The silo's circuit breakers as a local stateless worker, for the ops page and <c>/api/servers</c> (batches are routed in-process by <see cref="BatchRouter"/>).</summary>
[StatelessWorker, Reentrant]
internal sealed class RouterGrain(CircuitBreakers breakers) : Grain, IRouterGrain
{
    public Task<IReadOnlyDictionary<string, CircuitState>> GetCircuitsAsync() => Task.FromResult(breakers.States());
}
