namespace OrleansServe.Engine;

/// <summary>The engine's load at one moment.</summary>
public sealed record EngineSnapshot(int QueueLength, int InFlight, int Workers, double ExpectedWaitMs);
