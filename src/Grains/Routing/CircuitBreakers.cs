using System.Collections.Concurrent;

namespace OrleansServe.Grains.Routing;

/// <summary>The silo's circuit breakers, one per server, shared by every router activation on the silo.</summary>
public sealed class CircuitBreakers(IOptions<RouterOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new();

    public CircuitBreaker For(string serverId) => _breakers.GetOrAdd(serverId, _ => new CircuitBreaker(options.Value, time));

    public IReadOnlyDictionary<string, CircuitState> States() => _breakers.ToDictionary(kv => kv.Key, kv => kv.Value.State);
}
