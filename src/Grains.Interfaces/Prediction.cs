namespace OrleansServe;

/// <summary>One class of a classifier's top-k: its index, label and softmax confidence (0–1).</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.Prediction")]
public sealed record Prediction(int Index, string Label, float Confidence);
