namespace OrleansServe.LoadTester.Tests;

/// <summary>Tests that measure time run alone, so other tests do not steal their cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "timing";
}
