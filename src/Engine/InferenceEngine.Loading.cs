using System.Diagnostics;

namespace OrleansServe.Engine;

/// <summary>Loading and unloading models (reference-counted by holder).</summary>
internal sealed partial class InferenceEngine
{
    public async Task LoadAsync(string model, string holder, CancellationToken cancellationToken = default)
    {
        if (!_catalog.TryGet(model, out var manifest))
        {
            throw new InferenceException(InferenceErrorKind.UnknownModel, $"No manifest names model '{model}'.");
        }
        var loading = _registry.Hold(model, holder, () => Create(manifest));
        try
        {
            await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Unload(model, holder);
            throw new InferenceException(InferenceErrorKind.Cancelled, $"Loading model '{model}' was cancelled.");
        }
        catch (InferenceException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new InferenceException(InferenceErrorKind.Internal, $"Model '{model}' failed to load: {ex.Message}", ex);
        }
    }

    public void Unload(string model, string holder)
    {
        if (_registry.Release(model, holder))
        {
            EngineLog.ModelUnloaded(Logger, model);
        }
    }

    /// <summary>How a loaded ONNX model runs its QDQ pairs; null when <paramref name="model"/> is not a loaded ONNX model.</summary>
    internal Int8KernelChoice? Int8Choice(string model) => (_registry.TryGetReady(model) as OnnxImageModel)?.Int8;

    /// <summary>Builds a model on a pool thread (loading is not inference: it may block a pool thread for a while).</summary>
    private LoadedModel Create(ModelManifest manifest)
    {
        var start = Stopwatch.GetTimestamp();
        LoadedModel model;
        string detail;
        if (manifest.IsImageModel)
        {
            if (manifest.Pretrained is not null && _fetchPretrained && ModelWeights.Of(manifest) == ModelWeights.Seeded)
            {
                PretrainedFetch.TryFetch(manifest, _fetchTimeout, Logger);
            }
            var file = manifest.Seeded is null ? manifest.File! : SeededModelFile.Ensure(manifest, Logger);
            using var warmUp = new WorkerContext(Options, Metrics);
            var image = OnnxImageModel.Load(manifest, file, Options, _cpu, warmUp, Logger);
            detail = $"{image.Classes} classes, batches of up to {image.MaxBatch}, {image.ExpectedServiceMs(0):F1} ms an image warm";
            if (image.Int8.Quantized)
            {
                EngineLog.Int8KernelsChosen(Logger, manifest.Name, image.Int8.Kernels, image.Int8.Reason);
            }
            model = image;
        }
        else
        {
            model = new SimulatedTokenModel(manifest, Options.MaxBatchSize);
            detail = $"{manifest.BaseCpuMs} ms + {manifest.CpuMsPerToken} ms/token, {manifest.MemoryMb} MB held";
        }
        EngineLog.ModelLoaded(Logger, manifest.Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds, detail);
        return model;
    }
}
