namespace OrleansServe.Engine;

/// <summary>One request's result from the engine: its top-k (empty for token models) and timings.</summary>
public sealed record InferenceResult(IReadOnlyList<Prediction> Predictions, InferenceTimings Timings);
