namespace OrleansServe.Engine.Tests;

/// <summary>Tests that measure the whole process (CPU time, working set) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "Process measurements";
}
