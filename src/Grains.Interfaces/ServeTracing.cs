using System.Diagnostics;

namespace OrleansServe;

/// <summary>
/// The request path's spans (gateway, batch, route, attempt, server, engine queue and inference) and their attribute
/// names. Spans start only while a listener samples this source (an OpenTelemetry tracer provider, a test's
/// <see cref="ActivityListener"/>): otherwise <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns
/// null and the path pays one check.
/// </summary>
public static class ServeTracing
{
    public const string SourceName = "OrleansServe";

    public const string Model = "orleansserve.model";
    public const string Items = "orleansserve.items";
    public const string BatchSize = "orleansserve.batch.size";
    public const string ServerId = "orleansserve.server.id";
    public const string Silo = "orleansserve.silo";
    public const string Attempt = "orleansserve.router.attempt";
    public const string Attempts = "orleansserve.router.attempts";
    public const string Retries = "orleansserve.router.retries";
    public const string Choice = "orleansserve.router.choice";
    public const string Servers = "orleansserve.router.servers";
    public const string QueueMs = "orleansserve.queue_ms";
    public const string InferenceMs = "orleansserve.inference_ms";
    public const string TotalMs = "orleansserve.total_ms";
    public const string Outcome = "orleansserve.outcome";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The current span's context when this source is being listened to (what a queued request carries to its later spans).</summary>
    public static ActivityContext CurrentContext() =>
        Source.HasListeners() && Activity.Current is { } current ? current.Context : default;
}
