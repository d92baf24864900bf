namespace OrleansServe.Engine.Models;

/// <summary>
/// A model loaded on this silo. Workers acquire it around each batch; once retired (no holder left) it is disposed
/// when the last batch using it ends, so unloading never pulls a session from under a running batch.
/// </summary>
internal abstract class LoadedModel(ModelManifest manifest) : IDisposable
{
    private readonly object _gate = new();
    private int _users;
    private bool _retired;
    private bool _disposed;

    public ModelManifest Manifest { get; } = manifest;

    public string Name => Manifest.Name;

    /// <summary>Most requests one batch may hold.</summary>
    public abstract int MaxBatch { get; }

    /// <summary>Expected compute time of one request (milliseconds).</summary>
    public abstract double ExpectedServiceMs(int tokens);

    /// <summary>Runs one batch on the calling worker thread and completes (or fails) every item in it.</summary>
    public abstract void Execute(List<WorkItem> batch, WorkerContext context);

    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }
            _users++;
            return true;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _users--;
            DisposeIfIdle();
        }
    }

    /// <summary>No new batch may start; frees the model now or when the running ones end.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            DisposeIfIdle();
        }
    }

    public void Dispose()
    {
        Retire();
        GC.SuppressFinalize(this);
    }

    protected abstract void Free();

    private void DisposeIfIdle()
    {
        if (_retired && _users == 0 && !_disposed)
        {
            _disposed = true;
            Free();
        }
    }
}
