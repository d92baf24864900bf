namespace OrleansServe.Gateway.Protocol;

/// <summary>Where a request's time went: queued on its server, computing in a batch, and end to end in the gateway.</summary>
public sealed record TimingsView(double QueueMs, double InferenceMs, double TotalMs, int BatchSize, int Retries);
