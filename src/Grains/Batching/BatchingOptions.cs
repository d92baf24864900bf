namespace OrleansServe.Grains.Batching;

/// <summary>The <c>Batching</c> section: how the per-model batcher groups concurrent requests.</summary>
public sealed class BatchingOptions
{
    public const string Section = "Batching";

    /// <summary>
    /// Most requests the batcher sends to a server in one call. Not the engine's <c>Engine:MaxBatchSize</c>, the
    /// most requests of a model one worker runs together, which the server's lane forms again from its queue.
    /// The default is 15.
    /// </summary>
    public int MaxRequestsPerCall { get; set; } = 15;

    /// <summary>
    /// Longest a request waits for others to join its batch. The default is 0: a batch takes whatever arrived
    /// in the same scheduler turn and leaves at once. The server's queue batches again whatever waits for a
    /// worker, so waiting here only adds latency when the silo is idle and saves nothing when it is busy.
    /// </summary>
    public int MaxDelayMs { get; set; }

    internal IEnumerable<string> Validate()
    {
        if (MaxRequestsPerCall < 1)
        {
            yield return "Batching:MaxRequestsPerCall must be at least 1.";
        }

        if (MaxDelayMs is < 0 or > 10_000)
        {
            yield return "Batching:MaxDelayMs must be between 0 and 10000.";
        }
    }
}
