namespace OrleansServe.LoadTester.Analysis;

/// <summary>CPU the cluster reported using during the run (from <c>/api/cluster/cpu</c>).</summary>
/// <param name="CoreSeconds">Core-seconds used between the start and the end of the run.</param>
/// <param name="CoreSecondsPer1000Requests">Core-seconds per 1 000 requests sent.</param>
public sealed record ClusterUsage(double CoreSeconds, double? CoreSecondsPer1000Requests);
