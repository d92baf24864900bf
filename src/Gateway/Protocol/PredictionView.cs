namespace OrleansServe.Gateway.Protocol;

/// <summary>One class of the top-k in the convenience response.</summary>
public sealed record PredictionView(int Index, string Label, double Confidence);
