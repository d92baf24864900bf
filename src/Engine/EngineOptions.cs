namespace OrleansServe.Engine;

/// <summary>Sizing of the silo-local inference engine (section <c>Engine</c>).</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Engine";

    /// <summary>
    /// Dedicated inference worker threads of each model server's lane; 0 means one per core. Each worker decodes and
    /// runs its own batches, so with two workers one decodes while the other runs ONNX Runtime. A server's workers are
    /// its capacity: one server of cores workers per silo (the default), or several servers of fewer workers each
    /// (the autoscaler then starts up to cores ÷ workers servers on a silo). The default is 0 (one per core).
    /// </summary>
    public int Workers { get; set; }

    /// <summary>
    /// ONNX Runtime intra-op threads per session run; 0 means cores ÷ workers (at least 1).
    /// The default is 0 (1 on the default one-worker-per-core layout, measured fastest with batching).
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Most queued requests of one image model a worker runs as one batch. The default is 8.</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Most requests waiting in each model server's queue; beyond it requests fail with Overloaded (and are tried on another server). The default is 1024.</summary>
    public int MaxQueue { get; set; } = 1024;

    /// <summary>
    /// Admission control: a request arriving when its server's lane already holds more than this much expected work
    /// per worker (queued and running, in milliseconds) is refused at once with Overloaded (429/503, tried on another
    /// server) instead of queueing behind it, so beyond capacity the requests let in keep a bounded wait. The estimate is
    /// scaled by how long the lane's recent requests really waited against theirs (Queueing.WaitCorrection). The default
    /// is 0: only <see cref="MaxQueue"/> bounds the queue.
    /// </summary>
    public int MaxQueueWaitMs { get; set; }

    /// <summary>Largest width × height an image may declare in its header (checked before decoding); beyond it requests fail with TooLarge. The default is 40_000_000.</summary>
    public long MaxDecodedPixels { get; set; } = 40_000_000;

    /// <summary>
    /// Whether quantized (QDQ) graphs run ONNX Runtime's fused int8 kernels. <see cref="Int8Kernels.Auto"/> (the
    /// default) fuses them only where the CPU computes them exactly (VNNI, AMX, Arm) and runs the graph unfused
    /// on x86-64 without VNNI, where they saturate.
    /// </summary>
    public Int8Kernels Int8Kernels { get; set; }

    /// <summary>The worker count after resolving 0 to the core count.</summary>
    public int ResolvedWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>The intra-op thread count after resolving 0 to cores ÷ workers.</summary>
    public int ResolvedIntraOpThreads => IntraOpThreads > 0 ? IntraOpThreads : Math.Max(1, Environment.ProcessorCount / ResolvedWorkers);
}
