namespace OrleansServe.LoadTester.Tests.Fakes;

/// <summary>How the fake gateway behaves.</summary>
public sealed record FakeGatewayOptions
{
    /// <summary>Time every request takes. The default is 20 ms.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When set, the server stalls this long after its first request…</summary>
    public TimeSpan? StallAfterFirstRequest { get; init; }

    /// <summary>…for this long: requests arriving in the stall wait until it ends.</summary>
    public TimeSpan StallLength { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every n-th request answers 503 (0 = never).</summary>
    public int FailEvery { get; init; }
}
