using Microsoft.ML.OnnxRuntime;

namespace OrleansServe.Bench;

/// <summary>
/// The ceiling: ONNX Runtime alone on ready batch tensors (no decode), with the engine's session settings,
/// <see cref="Layout.Workers"/> threads each running batches back to back on one shared session.
/// </summary>
internal sealed class RawOrtRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly int _batch;
    private readonly int _workers;
    private readonly OrtValue[] _inputs;

    public RawOrtRunner(string modelFile, Layout layout, int batch)
    {
        using var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = layout.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelFile, options);
        _input = _session.InputNames[0];
        _batch = batch;
        _workers = layout.Workers;
        var random = new Random(7);
        _inputs = [.. Enumerable.Range(0, _workers).Select(_ =>
        {
            var tensor = new float[batch * 3 * 224 * 224];
            for (var i = 0; i < tensor.Length; i++)
            {
                tensor[i] = random.NextSingle() * 4 - 2;
            }
            return OrtValue.CreateTensorValueFromMemory(tensor, [batch, 3, 224, 224]);
        })];
    }

    /// <summary>Runs at least <paramref name="images"/> images (whole batches on every worker) and times them.</summary>
    public Task<Measurement> MeasureAsync(int images)
    {
        var batchesPerWorker = Math.Max(1, (int)Math.Ceiling(images / (double)(_batch * _workers)));
        return Measurement.TimeAsync(batchesPerWorker * _batch * _workers, () =>
        {
            var threads = new Thread[_workers];
            for (var w = 0; w < _workers; w++)
            {
                var input = _inputs[w];
                threads[w] = new Thread(() => RunBatches(batchesPerWorker, input)) { Name = $"raw-ort-{w}" };
                threads[w].Start();
            }
            foreach (var thread in threads)
            {
                thread.Join();
            }
            return Task.CompletedTask;
        });
    }

    private void RunBatches(int batches, OrtValue input)
    {
        using var runOptions = new RunOptions();
        for (var b = 0; b < batches; b++)
        {
            using var outputs = _session.Run(runOptions, [_input], [input], _session.OutputNames);
        }
    }

    public void Dispose()
    {
        foreach (var input in _inputs)
        {
            input.Dispose();
        }
        _session.Dispose();
    }
}
