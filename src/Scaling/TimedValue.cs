namespace OrleansServe.Scaling;

/// <summary>A policy's recommendation at one moment, kept for stabilisation windows.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.Scaling.TimedValue")]
public sealed record TimedValue(DateTime Utc, int Value);
