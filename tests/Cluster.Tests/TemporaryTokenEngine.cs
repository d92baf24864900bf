using System.Collections.Concurrent;
using OrleansServe.Grains.Inference;

namespace OrleansServe.Cluster.Tests;

// Temporary stand-in until the engine branch lands: token models only, delay-based.
internal sealed class TemporaryTokenEngine : IInferenceEngine
{
    private readonly ConcurrentDictionary<string, byte> _loaded = new();
    private readonly SemaphoreSlim _workers = new(2);
    private CancellationTokenSource _drain = new();
    private int _queued;

    public IReadOnlyCollection<ModelManifest> Catalog { get; } = new[] { "A", "B", "C", "D", "echo" }
        .Select(n => new ModelManifest { Name = n, Kind = ModelManifest.SimulatedTokens, Source = "test", BaseCpuMs = 5, CpuMsPerToken = 0.1 }).ToList();

    public IReadOnlyCollection<string> LoadedModels => _loaded.Keys.ToList();

    public Task LoadAsync(string model, string holder, CancellationToken cancellationToken = default)
    {
        if (Catalog.All(m => m.Name != model)) throw new InferenceException(InferenceErrorKind.UnknownModel, model);
        _loaded[model] = 0;
        return Task.CompletedTask;
    }

    public void Unload(string model, string holder) => _loaded.TryRemove(model, out _);

    public async Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _queued);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _drain.Token);
            try
            {
                await _workers.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (_drain.IsCancellationRequested)
            {
                throw new InferenceException(InferenceErrorKind.Draining, "draining");
            }
            try
            {
                var ms = 5 + (request.Tokens * 0.1);
                await Task.Delay(TimeSpan.FromMilliseconds(ms), CancellationToken.None);
                return new InferenceResult([], new InferenceTimings(0, ms, 1));
            }
            finally
            {
                _workers.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public int RejectQueued(string reason)
    {
        var old = _drain;
        _drain = new CancellationTokenSource();
        old.Cancel();
        return _queued;
    }

    public EngineSnapshot Snapshot() => new(_queued, 0, 2, _queued * 5);

    public double ExpectedServiceMs(string model, int tokens) => 5;
}
