using System.Diagnostics;

namespace OrleansServe.Engine.Simulated;

/// <summary>
/// A simulated token model: a request of N tokens burns <c>baseCpuMs + N × cpuMsPerToken</c> of CPU time on the
/// worker thread; loading holds <c>memoryMb</c> of touched memory. Requests run one at a time: a CPU burn gains
/// nothing from batching, and a batch would keep a free worker idle while its items waited in line. A model that
/// costs nothing (echo) takes whole batches, which only saves queue round trips.
/// </summary>
internal sealed class SimulatedTokenModel(ModelManifest manifest, int maxBatchSize) : LoadedModel(manifest)
{
    private static readonly Prediction[] NoPredictions = [];

    private readonly NativeMemoryBlock _memory = new(manifest.MemoryMb * 1024L * 1024L);

    public override int MaxBatch { get; } = manifest.BaseCpuMs == 0 && manifest.CpuMsPerToken == 0 ? maxBatchSize : 1;

    public override double ExpectedServiceMs(int tokens) => Formula(Manifest, tokens);

    public static double Formula(ModelManifest manifest, int tokens) => manifest.BaseCpuMs + Math.Max(0, tokens) * manifest.CpuMsPerToken;

    public override void Execute(List<WorkItem> batch, WorkerContext context)
    {
        var batchStart = Stopwatch.GetTimestamp();
        foreach (var item in batch)
        {
            var start = Stopwatch.GetTimestamp();
            if (!CpuBurner.Burn(Formula(Manifest, item.Request.Tokens), item.CancellationToken))
            {
                item.TryFail(new InferenceException(InferenceErrorKind.Cancelled, "The caller cancelled the request while it ran."));
                continue;
            }
            var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            item.TryComplete(new InferenceResult(NoPredictions, new InferenceTimings(item.QueueMs, elapsedMs, batch.Count)));
        }
        context.Metrics.Ran(Name, batch.Count, Stopwatch.GetElapsedTime(batchStart).TotalMilliseconds);
    }

    protected override void Free() => _memory.Dispose();
}
