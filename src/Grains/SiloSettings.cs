namespace OrleansServe.Grains;

/// <summary>The <c>Silo</c> configuration section: this silo's name, ports and model servers.</summary>
public sealed class SiloSettings
{
    public const string Section = "Silo";

    /// <summary>The silo's name, which model-server keys use to pin servers to it. The default is "silo-{SiloPort}".</summary>
    public string? Name { get; set; }

    /// <summary>Silo-to-silo port. The default is 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. The default is 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Port of the silo's small web host (dashboard, /health, /metrics); unused by the gateway, which serves them itself. The default is 8081.</summary>
    public int HttpPort { get; set; } = 8081;

    /// <summary>Address the silo advertises and listens on. The default is 127.0.0.1.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>How many model servers this silo starts at boot. The default is 1; the gateway in Redis mode starts none.</summary>
    public int Servers { get; set; } = 1;

    /// <summary>
    /// How often each model server reports its load to the registry, in milliseconds; the registry calls a server
    /// silent after 5 s without a report. The default is 1000.
    /// </summary>
    public int ReportMs { get; set; } = 1000;

    /// <summary>Orleans dashboard at /dashboard (costs 10–15 % of grain-call throughput). The default is true.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// The .NET meters and event-counter sources /metrics exports, as comma-separated name prefixes. The default is "OrleansServe." (this
    /// project's meters); "*" adds Orleans', ASP.NET Core's and the runtime's, which cost a quarter of the
    /// tiny-request throughput (18k against 25k req/s here): every measurement of an exported meter is recorded.
    /// </summary>
    public string MetricsMeters { get; set; } = "OrleansServe.";

    /// <summary>
    /// A process this silo must not outlive: when it exits, the silo stops (gracefully). The process launcher sets it
    /// to its own process, so silos it started do not run on after a launcher that was killed. The default, 0, is none.
    /// </summary>
    public int ParentProcessId { get; set; }

    public string ResolvedName => string.IsNullOrWhiteSpace(Name) ? $"silo-{SiloPort}" : Name;

    /// <summary>Whether /metrics exports the meter named <paramref name="meterName"/>.</summary>
    public bool ExportsMeter(string meterName) =>
        MetricsMeters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(prefix => prefix == "*" || meterName.StartsWith(prefix, StringComparison.Ordinal));

    public IEnumerable<string> Validate()
    {
        if (SiloPort is <= 0 or > 65535)
        {
            yield return "Silo:SiloPort must be a port number.";
        }

        if (GatewayPort is <= 0 or > 65535)
        {
            yield return "Silo:GatewayPort must be a port number.";
        }

        if (SiloPort == GatewayPort)
        {
            yield return "Silo:SiloPort and Silo:GatewayPort must differ.";
        }

        if (ReportMs is < 100 or > 2500)
        {
            yield return "Silo:ReportMs must be between 100 and 2500 (the registry calls a server silent after 5 s without a report).";
        }

        if (Servers < 0)
        {
            yield return "Silo:Servers must not be negative.";
        }

        if (ResolvedName.Contains('/'))
        {
            yield return "Silo:Name must not contain '/'.";
        }

        if (ParentProcessId < 0)
        {
            yield return "Silo:ParentProcessId must be a process id, or 0 for none.";
        }

        if (string.IsNullOrWhiteSpace(MetricsMeters))
        {
            yield return "Silo:MetricsMeters must name at least one meter prefix, or *.";
        }
    }
}
