namespace OrleansServe;

/// <summary>The predictor's answer for a mix: CPU % and memory % of one silo, and latency.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.LoadPrediction")]
public sealed record LoadPrediction(double Cpu, double Memory, double LatencyMs);
