namespace OrleansServe.Gateway.Protocol;

/// <summary>The convenience form's response: <c>{"model","server","predictions":[…],"timings":{…}}</c>.</summary>
public sealed record InferResponse(string Id, string Model, string Server, IReadOnlyList<PredictionView> Predictions, TimingsView Timings)
{
    public static InferResponse From(InferenceResponse response, double totalMs) => new(
        response.Id,
        response.Model,
        response.ServerId,
        response.Predictions.Select(p => new PredictionView(p.Index, p.Label, Math.Round(p.Confidence, 6))).ToList(),
        new TimingsView(Math.Round(response.Timings.QueueMs, 3), Math.Round(response.Timings.InferenceMs, 3), Math.Round(totalMs, 3),
            response.Timings.BatchSize, response.Retries));
}
