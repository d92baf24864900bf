namespace OrleansServe.Grains.Routing;

/// <summary>
/// One server's circuit: closed until <see cref="RouterOptions.FailureThreshold"/> failures fall within the
/// window, then open for <see cref="RouterOptions.OpenMs"/>, then half-open (one probe at a time), closed again
/// after a success. A request the client abandoned is not the server's failure and is never recorded.
/// </summary>
public sealed class CircuitBreaker(RouterOptions options, TimeProvider time)
{
    private readonly Queue<long> _failures = new();
    private readonly object _lock = new();
    private CircuitState _state = CircuitState.Closed;
    private long _openedAt;
    private bool _probeInFlight;

    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return Current();
            }
        }
    }

    /// <summary>Whether a request may go to this server now; in half-open state only one probe is let through.</summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            switch (Current())
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.HalfOpen when !_probeInFlight:
                    _probeInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Whether the server could be chosen now, without taking the half-open probe.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_lock)
            {
                var state = Current();
                return state == CircuitState.Closed || (state == CircuitState.HalfOpen && !_probeInFlight);
            }
        }
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _probeInFlight = false;
            if (Current() != CircuitState.Closed)
            {
                _state = CircuitState.Closed;
                _failures.Clear();
            }
        }
    }

    public void RecordFailure()
    {
        lock (_lock)
        {
            _probeInFlight = false;
            var now = time.GetTimestamp();
            if (Current() == CircuitState.HalfOpen)
            {
                Open(now);
                return;
            }
            _failures.Enqueue(now);
            Trim(now);
            if (_failures.Count >= options.FailureThreshold)
            {
                Open(now);
            }
        }
    }

    /// <summary>Releases a half-open probe whose outcome says nothing about the server (e.g. the client went away).</summary>
    public void RecordIgnored()
    {
        lock (_lock)
        {
            _probeInFlight = false;
        }
    }

    private void Open(long now)
    {
        _state = CircuitState.Open;
        _openedAt = now;
        _failures.Clear();
    }

    private CircuitState Current()
    {
        if (_state == CircuitState.Open && time.GetElapsedTime(_openedAt).TotalMilliseconds >= options.OpenMs)
        {
            _state = CircuitState.HalfOpen;
            _probeInFlight = false;
        }
        return _state;
    }

    private void Trim(long now)
    {
        while (_failures.Count > 0 && time.GetElapsedTime(_failures.Peek(), now).TotalMilliseconds > options.FailureWindowMs)
        {
            _failures.Dequeue();
        }
    }
}
