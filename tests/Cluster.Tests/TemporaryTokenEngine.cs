using System.Collections.Concurrent;
using OrleansServe.Grains.Inference;

namespace OrleansServe.Cluster.Tests;

// Temporary stand-in until the engine branch lands: token models only, delay-based.
internal sealed class TemporaryTokenEngine : IInferenceEngine
{
    private readonly ConcurrentDictionary<string, byte> _loaded = new();
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
            await Task.Delay(5, cancellationToken);
            return new InferenceResult([], new InferenceTimings(0, 5, 1));
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public int RejectQueued(string reason) => 0;

    public EngineSnapshot Snapshot() => new(_queued, 0, 2, _queued * 5);

    public double ExpectedServiceMs(string model, int tokens) => 5;
}
