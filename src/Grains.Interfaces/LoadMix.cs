namespace OrleansServe;

/// <summary>A request mix: requests and tokens per model in one second.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.LoadMix")]
public sealed record LoadMix(IReadOnlyDictionary<string, int> ModelCounts, IReadOnlyDictionary<string, int> TokenCounts);
