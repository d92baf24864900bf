using System.Collections.Concurrent;
using OrleansServe.Grains.Inference;
using SkiaSharp;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>
/// Used only while the engine branch has not landed (no <see cref="IInferenceEngine"/> registered): token models A–D and
/// echo, and a "resnet18" that decodes images with SkiaSharp and returns made-up classes.
/// </summary>
internal sealed class StandInEngine : IInferenceEngine
{
    private readonly ConcurrentDictionary<string, byte> _loaded = new();

    public IReadOnlyCollection<ModelManifest> Catalog { get; } =
        new[] { "A", "B", "C", "D", "echo" }
            .Select(n => new ModelManifest { Name = n, Kind = ModelManifest.SimulatedTokens, Source = "stand-in" })
            .Append(new ModelManifest { Name = "resnet18", Kind = ModelManifest.OnnxImage, Source = "stand-in", Input = new ImageInputSpec() })
            .ToList();

    public IReadOnlyCollection<string> LoadedModels => _loaded.Keys.ToList();

    public Task LoadAsync(string model, string holder, CancellationToken cancellationToken = default)
    {
        if (Catalog.All(m => m.Name != model)) throw new InferenceException(InferenceErrorKind.UnknownModel, model);
        _loaded[model] = 0;
        return Task.CompletedTask;
    }

    public void Unload(string model, string holder) => _loaded.TryRemove(model, out _);

    public Task<InferenceResult> RunAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        if (!_loaded.ContainsKey(request.Model)) throw new InferenceException(InferenceErrorKind.ModelNotLoaded, request.Model);
        if (request.Image is null)
        {
            return Task.FromResult(new InferenceResult([], new InferenceTimings(0, 0.01, 1)));
        }
        using var codec = SKCodec.Create(new SKMemoryStream(request.Image)) ?? throw new InferenceException(InferenceErrorKind.BadInput, "Not an image.");
        using var bitmap = SKBitmap.Decode(codec) ?? throw new InferenceException(InferenceErrorKind.BadInput, "The image could not be decoded.");
        var predictions = Enumerable.Range(0, request.TopK).Select(i => new Prediction(i, $"class {i}", 1f / (i + 2))).ToList();
        return Task.FromResult(new InferenceResult(predictions, new InferenceTimings(0, 1, 1)));
    }

    public int RejectQueued(string reason) => 0;

    public EngineSnapshot Snapshot() => new(0, 0, 2, 0);

    public double ExpectedServiceMs(string model, int tokens) => 1;
}
