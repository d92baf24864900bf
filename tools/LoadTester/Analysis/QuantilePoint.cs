namespace OrleansServe.LoadTester.Analysis;

/// <summary>One point of the latency distribution: share <see cref="P"/> of requests took at most <see cref="Ms"/>.</summary>
public sealed record QuantilePoint(double P, double Ms);
