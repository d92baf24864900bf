namespace OrleansServe;

/// <summary>The registry's view of one server: its latest report and whether it is healthy.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ServerView")]
public sealed record ServerView(string ServerId, string SiloName, string SiloAddress, ServerLoadReport? Report, bool Healthy, string? Reason);
