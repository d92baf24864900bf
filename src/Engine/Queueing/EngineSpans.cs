using System.Diagnostics;

namespace OrleansServe.Engine.Queueing;

/// <summary>
/// A traced request's engine spans, written when it finishes: <c>engine.queue</c> and <c>engine.inference</c>, whose
/// durations and attributes are the very numbers of its <see cref="InferenceTimings"/> (the response's <c>timings</c>).
/// </summary>
internal static class EngineSpans
{
    public static void Served(ActivityContext parent, InferenceTimings timings)
    {
        var end = DateTime.UtcNow;
        var inferenceStart = end - TimeSpan.FromMilliseconds(timings.InferenceMs);
        Queue(parent, inferenceStart - TimeSpan.FromMilliseconds(timings.QueueMs), inferenceStart, timings.QueueMs, error: null);
        using var inference = ServeTracing.Source.StartActivity("engine.inference", ActivityKind.Internal, parent, startTime: inferenceStart);
        if (inference is not null)
        {
            inference.SetTag(ServeTracing.InferenceMs, timings.InferenceMs);
            inference.SetTag(ServeTracing.BatchSize, timings.BatchSize);
            inference.SetEndTime(end);
        }
    }

    /// <summary>A request that failed in the engine (shed, cancelled, queue full, the model failing): its wait and why it ended.</summary>
    public static void Failed(ActivityContext parent, double queueMs, InferenceException error)
    {
        var end = DateTime.UtcNow;
        Queue(parent, end - TimeSpan.FromMilliseconds(queueMs), end, queueMs, error);
    }

    private static void Queue(ActivityContext parent, DateTime start, DateTime end, double queueMs, InferenceException? error)
    {
        using var queue = ServeTracing.Source.StartActivity("engine.queue", ActivityKind.Internal, parent, startTime: start);
        if (queue is null)
        {
            return;
        }
        queue.SetTag(ServeTracing.QueueMs, queueMs);
        if (error is not null)
        {
            queue.SetTag(ServeTracing.Outcome, error.Kind.ToString());
            queue.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        queue.SetEndTime(end);
    }
}
