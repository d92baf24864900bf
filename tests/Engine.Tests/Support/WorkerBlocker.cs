using OrleansServe.Grains.Inference;

namespace OrleansServe.Engine.Tests;

/// <summary>Occupies an engine's single worker with the "block" model's CPU burn.</summary>
internal static class WorkerBlocker
{
    /// <summary>Starts the burn and returns (its task) once the worker is running it.</summary>
    public static async Task<Task> OccupyWorkerAsync(this InferenceEngine engine)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.OnStarted = r =>
        {
            if (r.Model == "block")
            {
                running.TrySetResult();
            }
        };
        var blocker = engine.RunAsync(Requests.Tokens("block", 0));
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return blocker;
    }
}
