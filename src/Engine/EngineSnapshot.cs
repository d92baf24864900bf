namespace OrleansServe.Engine;

/// <summary>The engine's load at one moment; <paramref name="QueueLimit"/> is the most its queues hold (<c>Engine:MaxQueue</c> a lane).</summary>
public sealed record EngineSnapshot(int QueueLength, int InFlight, int Workers, double ExpectedWaitMs, int QueueLimit);
