namespace OrleansServe;

/// <summary>The predictor's mean absolute error on held-back rows, and how many rows it trained on.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.PredictorError")]
public sealed record PredictorError(double CpuMae, double MemoryMae, double LatencyMaeMs, int TrainingRows, int RealRows, DateTime TrainedUtc);
