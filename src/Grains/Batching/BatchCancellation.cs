namespace OrleansServe.Grains.Batching;

/// <summary>A token for a whole batch: cancelled once every request in it has been abandoned by its caller.</summary>
internal sealed class BatchCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private int _remaining;

    public BatchCancellation(IReadOnlyList<CancellationToken> tokens)
    {
        _remaining = tokens.Count;
        foreach (var token in tokens)
        {
            if (!token.CanBeCanceled)
            {
                continue;
            }

            _registrations.Add(token.Register(() =>
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _source.Cancel();
                }
            }));
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
