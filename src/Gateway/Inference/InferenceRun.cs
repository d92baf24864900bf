using OrleansServe.Engine;

namespace OrleansServe.Gateway.Inference;

/// <summary>A served inference request: what was asked and each item's response, with the gateway's end-to-end time.</summary>
public sealed record InferenceRun(ModelManifest Model, ParsedInference Request, IReadOnlyList<InferenceResponse> Responses, double TotalMs);
