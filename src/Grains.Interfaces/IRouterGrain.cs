namespace OrleansServe;

/// <summary>Local stateless worker: a silo's routing state (its circuit breakers) for callers outside the silo.</summary>
[Alias("OrleansServe.IRouterGrain")]
public interface IRouterGrain : IGrainWithIntegerKey
{
    /// <summary>This silo's circuit state per server.</summary>
    [Alias("GetCircuitsAsync")]
    Task<IReadOnlyDictionary<string, CircuitState>> GetCircuitsAsync();
}
