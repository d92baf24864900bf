using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace OrleansServe.Engine.Models;

/// <summary>
/// An ONNX image classifier: one session per silo shared by all workers (runs are thread-safe), batches decoded
/// straight into the worker's tensor buffer, softmax top-k out. Bad images fail alone; the rest of the batch runs.
/// </summary>
internal sealed class OnnxImageModel : LoadedModel
{
    private const int DefaultTopK = 5;
    private const double Smoothing = 0.2;

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly string[] _labels;
    private readonly ImageInputSpec _spec;
    private readonly RgbaNormalizer _normalizer;
    private readonly int _imageLength;
    private double _msPerImage;

    private OnnxImageModel(ModelManifest manifest, InferenceSession session, string inputName, int maxBatch, string[] labels, Int8KernelChoice int8)
        : base(manifest)
    {
        Int8 = int8;
        _session = session;
        _spec = manifest.Input ?? new ImageInputSpec();
        _inputNames = [inputName];
        _outputNames = [session.OutputNames[0]];
        _labels = labels;
        _normalizer = new RgbaNormalizer(_spec);
        _imageLength = 3 * _spec.Size * _spec.Size;
        MaxBatch = maxBatch;
    }

    public override int MaxBatch { get; }

    /// <summary>Whether ONNX Runtime fused the graph's QDQ pairs into int8 kernels, and why.</summary>
    public Int8KernelChoice Int8 { get; }

    /// <summary>Classes the graph answers (its output's last dimension, measured at warm-up).</summary>
    public int Classes { get; private set; }

    public override double ExpectedServiceMs(int tokens) => Volatile.Read(ref _msPerImage);

    /// <summary>Creates the session, checks the input against the manifest, and warms it (batch 1, then a full batch).</summary>
    public static OnnxImageModel Load(ModelManifest manifest, string file, EngineOptions options, CpuInt8Support cpu, WorkerContext warmUp, ILogger logger)
    {
        var int8 = Int8KernelChoice.For(options.Int8Kernels, OnnxFileReader.Operators(file), cpu);
        using var sessionOptions = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = options.ResolvedIntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (int8.Kernels == Int8Kernels.Unfused)
        {
            // Keeps QuantizeLinear/DequantizeLinear as written; every other optimisation still applies.
            sessionOptions.AddSessionConfigEntry("session.disable_quant_qdq", "1");
        }
        var session = new InferenceSession(file, sessionOptions);
        try
        {
            var spec = manifest.Input ?? new ImageInputSpec();
            var inputName = spec.Name ?? session.InputNames[0];
            if (!session.InputMetadata.TryGetValue(inputName, out var input))
            {
                throw new ModelManifestException(manifest.Source, "input.name", $"'{inputName}' is not an input of {file} (it has {string.Join(", ", session.InputNames)})");
            }
            var dims = input.Dimensions;
            if (dims.Length != 4 || (dims[1] > 0 && dims[1] != 3) || (dims[2] > 0 && dims[2] != spec.Size) || (dims[3] > 0 && dims[3] != spec.Size))
            {
                throw new ModelManifestException(manifest.Source, "input.size", $"{spec.Size} does not fit the graph's input [{string.Join(", ", dims)}] (expected N×3×{spec.Size}×{spec.Size})");
            }
            if (dims[0] > 1)
            {
                throw new ModelManifestException(manifest.Source, "file", $"{file} has a fixed batch of {dims[0]}; only a dynamic batch or 1 is supported");
            }
            var maxBatch = dims[0] == 1 ? 1 : options.MaxBatchSize;
            var labels = File.ReadLines(manifest.Labels!).Select(l => l.Trim()).ToArray();
            var model = new OnnxImageModel(manifest, session, inputName, maxBatch, labels, int8);
            model.WarmUp(warmUp);
            if (model.Classes != labels.Length)
            {
                EngineLog.LabelCountMismatch(logger, manifest.Labels!, labels.Length, manifest.Name, model.Classes);
            }
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public override void Execute(List<WorkItem> batch, WorkerContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var ready = context.Ready;
        ready.Clear();
        var tensor = context.Tensor(_imageLength * MaxBatch);
        foreach (var item in batch)
        {
            var decodeStart = Stopwatch.GetTimestamp();
            try
            {
                context.Preprocessor.Preprocess(item.Request.Image, _spec, _normalizer, tensor.AsSpan(ready.Count * _imageLength, _imageLength));
                ready.Add(item);
                context.Metrics.Decoded(Name, Stopwatch.GetElapsedTime(decodeStart).TotalMilliseconds);
            }
            catch (InferenceException error)
            {
                item.TryFail(error);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A decoder failure is about this input: failing it as Internal would send a poison image on to other servers.
                item.TryFail(new InferenceException(InferenceErrorKind.BadInput, $"The image could not be decoded: {error.Message}"));
            }
        }
        if (ready.Count == 0)
        {
            return;
        }

        using (var outputs = Run(tensor, ready.Count, context.RunOptions))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var logits = outputs.First().GetTensorDataAsSpan<float>();
            var classes = logits.Length / ready.Count;
            for (var i = 0; i < ready.Count; i++)
            {
                var item = ready[i];
                var topK = item.Request.TopK > 0 ? item.Request.TopK : DefaultTopK;
                var predictions = TopK.Select(logits.Slice(i * classes, classes), topK, _labels);
                item.TryComplete(new InferenceResult(predictions, new InferenceTimings(item.QueueMs, elapsedMs, ready.Count)));
            }
            Observe(elapsedMs / ready.Count);
            context.Metrics.Ran(Name, ready.Count, elapsedMs);
        }
    }

    /// <summary>Runs the graph on the first <paramref name="count"/> images of <paramref name="tensor"/>.</summary>
    private IDisposableReadOnlyCollection<OrtValue> Run(float[] tensor, int count, RunOptions runOptions)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            tensor.AsMemory(0, count * _imageLength), [count, 3, _spec.Size, _spec.Size]);
        return _session.Run(runOptions, _inputNames, [input], _outputNames);
    }

    protected override void Free() => _session.Dispose();

    private void WarmUp(WorkerContext context)
    {
        var tensor = context.Tensor(_imageLength * MaxBatch);
        Array.Clear(tensor, 0, _imageLength * MaxBatch);
        using (var first = Run(tensor, 1, context.RunOptions))
        {
            Classes = (int)first.First().GetTensorTypeAndShape().ElementCount;
        }
        var start = Stopwatch.GetTimestamp();
        using (Run(tensor, MaxBatch, context.RunOptions))
        {
            _msPerImage = Stopwatch.GetElapsedTime(start).TotalMilliseconds / MaxBatch;
        }
    }

    private void Observe(double msPerImage)
    {
        var previous = Volatile.Read(ref _msPerImage);
        Volatile.Write(ref _msPerImage, previous <= 0 ? msPerImage : previous + Smoothing * (msPerImage - previous));
    }
}
