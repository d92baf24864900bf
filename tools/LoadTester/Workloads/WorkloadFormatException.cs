namespace OrleansServe.LoadTester.Workloads;

/// <summary>A workload file that cannot be read as request rates; the message names the line.</summary>
public sealed class WorkloadFormatException(string message, int line = 0) : Exception(message)
{
    /// <summary>The 1-based line of the bad token, or 0 when the problem is not on one line.</summary>
    public int Line { get; } = line;
}
