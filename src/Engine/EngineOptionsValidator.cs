namespace OrleansServe.Engine;

/// <summary>Checks <see cref="EngineOptions"/> at start; each failure names its configuration key.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var failures = new List<string>();
        if (options.Workers is < 0 or > 256)
        {
            failures.Add($"Engine:Workers must be between 0 (one per core) and 256; it is {options.Workers}.");
        }
        if (options.IntraOpThreads is < 0 or > 256)
        {
            failures.Add($"Engine:IntraOpThreads must be between 0 (cores ÷ workers) and 256; it is {options.IntraOpThreads}.");
        }
        if (options.MaxBatchSize is < 1 or > 256)
        {
            failures.Add($"Engine:MaxBatchSize must be between 1 and 256; it is {options.MaxBatchSize}.");
        }
        if (options.MaxQueue < 1)
        {
            failures.Add($"Engine:MaxQueue must be at least 1; it is {options.MaxQueue}.");
        }
        if (options.MaxQueueWaitMs is < 0 or > 3_600_000)
        {
            failures.Add($"Engine:MaxQueueWaitMs must be between 0 (no limit) and 3600000; it is {options.MaxQueueWaitMs}.");
        }
        if (options.MaxDecodedPixels < 1)
        {
            failures.Add($"Engine:MaxDecodedPixels must be at least 1; it is {options.MaxDecodedPixels}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
