namespace OrleansServe;

/// <summary>A fault injected into a model server by tests: fail every call, and/or add a delay and a fake queue length.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.ServerFault")]
public sealed record ServerFault(bool Fail, int DelayMs, int FakeQueueLength)
{
    public static readonly ServerFault None = new(false, 0, 0);
}
