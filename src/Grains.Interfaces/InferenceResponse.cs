namespace OrleansServe;

/// <summary>A served request: the model's top-k (empty for token models), the server that ran it and its timings.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.InferenceResponse")]
public sealed record InferenceResponse(
    string Id,
    string Model,
    string ServerId,
    IReadOnlyList<Prediction> Predictions,
    InferenceTimings Timings,
    int Retries = 0);
