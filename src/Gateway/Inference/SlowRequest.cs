namespace OrleansServe.Gateway.Inference;

/// <summary>
/// A request that took at least <c>Gateway:SlowRequestMs</c>, with the stage times of its slowest item: the same numbers
/// as its response's <c>timings</c> and its trace's span attributes.
/// </summary>
/// <param name="TimeUtc">When it finished.</param>
/// <param name="TraceId">Its trace's id when it was traced (look it up in the collector), else null.</param>
public sealed record SlowRequest(
    DateTime TimeUtc,
    string Model,
    int Items,
    double TotalMs,
    double? QueueMs,
    double? InferenceMs,
    int? BatchSize,
    int? Retries,
    string? ServerId,
    string? Error,
    string? TraceId);
