namespace OrleansServe.Gateway.Protocol;

/// <summary><c>POST /api/predict-load</c>: requests and tokens per model in one second.</summary>
public sealed record PredictLoadRequest(Dictionary<string, int>? ModelCounts, Dictionary<string, int>? TokenCounts);
