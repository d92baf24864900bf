namespace OrleansServe;

/// <summary>Local stateless worker: picks a server by load, keeps a circuit breaker per server, retries elsewhere.</summary>
[Alias("OrleansServe.IRouterGrain")]
public interface IRouterGrain : IGrainWithIntegerKey
{
    /// <summary>Routes a batch of one model to a server and returns each item's outcome.</summary>
    [Alias("RouteAsync")]
    Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default);

    /// <summary>This activation's circuit state per server.</summary>
    [Alias("GetCircuitsAsync")]
    Task<IReadOnlyDictionary<string, CircuitState>> GetCircuitsAsync();
}
