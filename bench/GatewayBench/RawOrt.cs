using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace OrleansServe.GatewayBench;

/// <summary>
/// The ceiling: ONNX Runtime alone on prepared [batch, 3, 224, 224] tensors (no decoding, no HTTP), with
/// <paramref name="workers"/> threads sharing one session of <paramref name="intraOpThreads"/> intra-op threads.
/// </summary>
public static class RawOrt
{
    public static double ImagesPerSecond(string modelFile, int workers, int intraOpThreads, int batch, TimeSpan duration)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(modelFile, options);
        var inputName = session.InputNames[0];
        var data = new float[batch * 3 * 224 * 224];
        var random = new Random(1);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle() - 0.5f;
        }

        void RunOnce()
        {
            using var input = OrtValue.CreateTensorValueFromMemory(data, [batch, 3, 224, 224]);
            using var outputs = session.Run(new RunOptions(), [inputName], [input], session.OutputNames);
        }

        RunOnce(); // warm-up
        long images = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
        {
            while (clock.Elapsed < duration)
            {
                RunOnce();
                Interlocked.Add(ref images, batch);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return images / clock.Elapsed.TotalSeconds;
    }
}
