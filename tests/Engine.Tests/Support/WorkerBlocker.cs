using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// Holds an engine's single worker on a "block" request until the test releases it, so what the test queues
/// meanwhile stays queued however slowly the machine runs (a 300 ms burn alone finished early on a loaded CI box).
/// </summary>
internal sealed class WorkerBlocker
{
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(10);
    private readonly ManualResetEventSlim _gate = new();
    private Task _blocker = Task.CompletedTask;

    /// <summary>Starts the "block" request and returns once the worker is running it and held.</summary>
    public static async Task<WorkerBlocker> OccupyAsync(InferenceEngine engine)
    {
        var hold = new WorkerBlocker();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.OnStarted = r =>
        {
            if (r.Model == "block")
            {
                running.TrySetResult();
                hold._gate.Wait(MaxHold);
            }
        };
        hold._blocker = engine.RunAsync(Requests.Tokens("block", 0));
        await running.Task.WaitAsync(MaxHold);
        return hold;
    }

    /// <summary>Lets the worker go on and returns the "block" request's task.</summary>
    public Task ReleaseAsync()
    {
        _gate.Set();
        return _blocker;
    }
}

internal static class WorkerBlockerExtensions
{
    public static Task<WorkerBlocker> OccupyWorkerAsync(this InferenceEngine engine) => WorkerBlocker.OccupyAsync(engine);
}
