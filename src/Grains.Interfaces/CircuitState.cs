namespace OrleansServe;

/// <summary>The state of a router's circuit breaker for one server.</summary>
public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}
