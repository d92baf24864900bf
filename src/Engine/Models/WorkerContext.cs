using Microsoft.ML.OnnxRuntime;

namespace OrleansServe.Engine.Models;

/// <summary>What one worker thread reuses from batch to batch: image buffers, its batch tensor, its ORT run options.</summary>
internal sealed class WorkerContext(EngineOptions options, EngineMetrics metrics) : IDisposable
{
    private float[] _tensor = [];

    public ImagePreprocessor Preprocessor { get; } = new(options.MaxDecodedPixels);

    /// <summary>Long-lived: one <see cref="RunOptions"/> per run thread (a fresh one per run has failed under concurrency).</summary>
    public RunOptions RunOptions { get; } = new();

    public EngineMetrics Metrics { get; } = metrics;

    /// <summary>Items of the current batch whose input is ready.</summary>
    public List<WorkItem> Ready { get; } = [];

    /// <summary>A pinned float buffer of at least <paramref name="length"/> values (the batch tensor is written straight into it).</summary>
    public float[] Tensor(int length)
    {
        if (_tensor.Length < length)
        {
            _tensor = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }
        return _tensor;
    }

    public void Dispose()
    {
        Preprocessor.Dispose();
        RunOptions.Dispose();
    }
}
