namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>A silo process this host started.</summary>
internal sealed class SiloProcess(string name, System.Diagnostics.Process process, SiloProcessPorts ports, DateTime startedUtc)
{
    public string Name { get; } = name;

    public System.Diagnostics.Process Process { get; } = process;

    public SiloProcessPorts Ports { get; } = ports;

    public DateTime StartedUtc { get; } = startedUtc;

    public double? StartupSeconds { get; set; }

    /// <summary>In the warm pool (or starting for it): no model server, lowest priority.</summary>
    public bool Warm { get; set; }

    /// <summary>Set before a stop we asked for, so its exit is not reported as a crash.</summary>
    public bool Stopping { get; set; }

    public ScaledSilo ToScaledSilo() => new(Name, "process", StartedUtc, StartupSeconds, Warm);
}
