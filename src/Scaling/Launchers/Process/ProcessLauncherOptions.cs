namespace OrleansServe.Scaling.Launchers.Process;

/// <summary>The <c>Scaling:Process</c> section: silos started as local <c>dotnet OrleansServe.Silo.dll</c> processes.</summary>
public sealed class ProcessLauncherOptions
{
    /// <summary>Path of <c>OrleansServe.Silo.dll</c>. The default is empty: the one next to this process, else <c>src/Silo/bin/…</c> above it.</summary>
    public string SiloPath { get; set; } = "";

    /// <summary>The dotnet host. The default is "dotnet".</summary>
    public string DotnetPath { get; set; } = "dotnet";

    /// <summary>Extra environment for the silo processes (e.g. <c>Engine__Workers=1</c>, <c>Models__Load=A</c>). The default is empty.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>Longest wait for a started silo's <c>/health</c> to answer 200. The default is 60 s.</summary>
    public double StartTimeoutSeconds { get; set; } = 60;

    /// <summary>Longest wait after SIGTERM before the process is killed. The default is 30 s.</summary>
    public double StopTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Nice value a silo starts at on Linux, restored to 0 once it is healthy, so that a cold start on a busy host runs on
    /// the CPU the serving replicas leave over instead of theirs (on 2 cores a start at normal priority cut one replica's
    /// throughput by a fifth for its 2–3 s). Applied only when this process may restore it (root); 0 turns it off.
    /// The default is 10.
    /// </summary>
    public int StartNice { get; set; } = 10;

    /// <summary>
    /// Silos kept started and idle (in the cluster, no model server, at the lowest CPU priority) so that a scale-out
    /// starts a server on one in well under a second instead of a cold start, which on a small host also takes CPU
    /// from the replicas serving the very load that asked for it. The pool is filled once this host has started and
    /// refilled by scale-ins: a drained silo waits in the pool instead of stopping (as EC2 warm pools and Ray's idle
    /// nodes do). Warm silos cost memory and a little idle CPU, no replica. The default is 0 (no pool).
    /// </summary>
    public int WarmSilos { get; set; }

    /// <summary>Prefix of the names of started silos (<c>{prefix}-{siloPort}</c>). The default is "scaled".</summary>
    public string NamePrefix { get; set; } = "scaled";
}
