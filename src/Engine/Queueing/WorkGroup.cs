namespace OrleansServe.Engine.Queueing;

/// <summary>
/// The requests one caller queued together: completes once, when the last of them has finished, so the caller
/// wakes once per batch instead of once per request (on the tiny path each wake-up was a thread hand-off).
/// </summary>
internal sealed class WorkGroup(Task<InferenceResult>[] runs)
{
    private readonly TaskCompletionSource<IReadOnlyList<Task<InferenceResult>>> _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One more than the requests: the submitter's own count, released once every request is queued.
    private int _left = runs.Length + 1;

    public Task<IReadOnlyList<Task<InferenceResult>>> Task => _all.Task;

    public void Done()
    {
        if (Interlocked.Decrement(ref _left) == 0)
        {
            _all.TrySetResult(runs);
        }
    }
}
