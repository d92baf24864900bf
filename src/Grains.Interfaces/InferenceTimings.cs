namespace OrleansServe;

/// <summary>Where a request's time went on its server: waiting in the queue, and computing in a batch of <see cref="BatchSize"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.InferenceTimings")]
public sealed record InferenceTimings(double QueueMs, double InferenceMs, int BatchSize);
