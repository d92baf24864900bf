using System.Diagnostics;

namespace OrleansServe.Engine.Queueing;

/// <summary>One queued request: its deadline-first ordering key, its expected cost and the caller's pending result.</summary>
internal sealed class WorkItem
{
    private readonly TaskCompletionSource<InferenceResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EngineMetrics _metrics;

    public WorkItem(InferenceRequest request, double expectedServiceMs, int maxBatch, long sequence, EngineMetrics metrics, CancellationToken cancellationToken)
    {
        _metrics = metrics;
        Request = request;
        ExpectedServiceMs = expectedServiceMs;
        MaxBatch = maxBatch;
        Sequence = sequence;
        CancellationToken = cancellationToken;
        // An unset deadline (default) means none; a local time is converted rather than misread as UTC.
        DeadlineTicks = request.DeadlineUtc == default ? long.MaxValue
            : request.DeadlineUtc.Kind == DateTimeKind.Local ? request.DeadlineUtc.ToUniversalTime().Ticks
            : request.DeadlineUtc.Ticks;
        EnqueuedAt = Stopwatch.GetTimestamp();
        TraceContext = ServeTracing.CurrentContext();
    }

    /// <summary>The server's span when traced: the engine's queue and inference spans are its children.</summary>
    public ActivityContext TraceContext { get; }

    public InferenceRequest Request { get; }

    public string Model => Request.Model;

    /// <summary>The deadline in UTC ticks (<see cref="long.MaxValue"/> when none).</summary>
    public long DeadlineTicks { get; }

    /// <summary>Arrival order: breaks deadline ties first-come first-served.</summary>
    public long Sequence { get; }

    public double ExpectedServiceMs { get; }

    /// <summary>The lane's expected wait per worker when this request was admitted (see <see cref="WaitCorrection"/>).</summary>
    public double AdmittedWaitMs { get; init; }

    /// <summary>How many requests of this model may run together (1 for token models and fixed-batch graphs).</summary>
    public int MaxBatch { get; }

    public CancellationToken CancellationToken { get; }

    public CancellationTokenRegistration Registration { get; set; }

    public long EnqueuedAt { get; }

    public long StartedAt { get; private set; }

    /// <summary>True while it sits in the queue (guarded by the queue's lock).</summary>
    public bool IsQueued { get; set; }

    /// <summary>The caller's group when it queued this request with others; told when this one finishes.</summary>
    public WorkGroup? Group { get; init; }

    public Task<InferenceResult> Task => _completion.Task;

    public double QueueMs => Stopwatch.GetElapsedTime(EnqueuedAt, StartedAt == 0 ? Stopwatch.GetTimestamp() : StartedAt).TotalMilliseconds;

    /// <summary>Milliseconds left before the deadline.</summary>
    public double RemainingMs(long nowTicks) =>
        DeadlineTicks == long.MaxValue ? double.PositiveInfinity : (DeadlineTicks - nowTicks) / (double)TimeSpan.TicksPerMillisecond;

    public void MarkStarted() => StartedAt = Stopwatch.GetTimestamp();

    public bool TryComplete(InferenceResult result)
    {
        Registration.Unregister();
        if (!_completion.TrySetResult(result))
        {
            return false;
        }
        _metrics.Finished(Model, "ok");
        if (TraceContext != default)
        {
            EngineSpans.Served(TraceContext, result.Timings);
        }
        Group?.Done();
        return true;
    }

    public bool TryFail(InferenceException error)
    {
        Registration.Unregister();
        if (!_completion.TrySetException(error))
        {
            return false;
        }
        _metrics.Finished(Model, error.Kind.ToString());
        if (TraceContext != default)
        {
            EngineSpans.Failed(TraceContext, QueueMs, error);
        }
        Group?.Done();
        return true;
    }
}
