namespace OrleansServe.Engine;

/// <summary>The engine's log messages (source-generated: no allocation when a level is off).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Information, "Model catalog: {Count} manifests in {Directory}")]
    public static partial void CatalogLoaded(ILogger logger, int count, string directory);

    [LoggerMessage(2, LogLevel.Information, "Engine: each model server gets {Workers} workers × {IntraOpThreads} intra-op threads, batches of up to {MaxBatchSize}, a queue of {MaxQueue}")]
    public static partial void EngineStarted(ILogger logger, int workers, int intraOpThreads, int maxBatchSize, int maxQueue);

    [LoggerMessage(3, LogLevel.Information, "Model {Model} loaded in {ElapsedMs:F0} ms ({Detail})")]
    public static partial void ModelLoaded(ILogger logger, string model, double elapsedMs, string detail);

    [LoggerMessage(4, LogLevel.Information, "Model {Model} unloaded (no holder left)")]
    public static partial void ModelUnloaded(ILogger logger, string model);

    [LoggerMessage(5, LogLevel.Warning, "Wrote a ResNet18 graph with SEEDED weights for model {Model} to {File} ({Parameters} parameters)")]
    public static partial void SeededModelWritten(ILogger logger, string model, string file, long parameters);

    [LoggerMessage(6, LogLevel.Warning, "Cannot write the seeded graph to {File}: {Reason}")]
    public static partial void SeededModelNotWritable(ILogger logger, string file, string reason);

    [LoggerMessage(7, LogLevel.Warning, "MODEL {Model} USES SYNTHETIC SEEDED WEIGHTS ({File}): it has ResNet18's cost but its labels are MEANINGLESS. Run {FetchScript} for the pretrained weights.")]
    public static partial void SyntheticWeights(ILogger logger, string model, string file, string fetchScript);

    [LoggerMessage(8, LogLevel.Error, "A batch of {Count} requests for model {Model} failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string model, int count);

    [LoggerMessage(9, LogLevel.Warning, "Labels file {Labels} has {LabelCount} lines but model {Model} has {Classes} classes")]
    public static partial void LabelCountMismatch(ILogger logger, string labels, int labelCount, string model, int classes);

    [LoggerMessage(10, LogLevel.Debug, "Shed request {RequestId} for model {Model}: {RemainingMs:F0} ms left, {ExpectedMs:F0} ms needed")]
    public static partial void Shed(ILogger logger, string requestId, string model, double remainingMs, double expectedMs);

    [LoggerMessage(11, LogLevel.Information, "Model {Model} is quantized (QDQ) and runs {Kernels}: {Reason}")]
    public static partial void Int8KernelsChosen(ILogger logger, string model, Int8Kernels kernels, string reason);

    [LoggerMessage(12, LogLevel.Information, "Model {Model} has no pretrained weights here: fetching them from {Url} (Models:FetchPretrained=false turns this off)")]
    public static partial void FetchingPretrained(ILogger logger, string model, Uri url);

    [LoggerMessage(13, LogLevel.Information, "Model {Model}: pretrained weights installed at {File} ({Seconds:F1} s)")]
    public static partial void PretrainedFetched(ILogger logger, string model, string file, double seconds);

    [LoggerMessage(14, LogLevel.Warning, "Model {Model}: pretrained weights not fetched ({Reason}); serving the seeded graph")]
    public static partial void PretrainedFetchFailed(ILogger logger, string model, string reason);
}
