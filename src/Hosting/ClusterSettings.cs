namespace OrleansServe.Hosting;

/// <summary>The <c>Cluster</c> configuration section: membership and failure detection.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>Embedded (localhost clustering) or Redis. The default is Embedded.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>Redis connection string for Redis mode, e.g. <c>127.0.0.1:6379</c>. Required in Redis mode.</summary>
    public string? Redis { get; set; }

    /// <summary>The default is "orleansserve".</summary>
    public string ClusterId { get; set; } = "orleansserve";

    /// <summary>The default is "orleansserve".</summary>
    public string ServiceId { get; set; } = "orleansserve";

    /// <summary>Embedded mode only: the silo port of the primary silo to join; 0 makes this silo the primary. The default is 0.</summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>How long a probe may take before it counts as missed. The default is 1000 ms (Orleans: 5 s).</summary>
    public int ProbeTimeoutMs { get; set; } = 1000;

    /// <summary>Missed probes before a silo is suspected. The default is 3 (Orleans: 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead. The default is 1 (Orleans: 2).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often the membership table is re-read. The default is 2000 ms.</summary>
    public int TableRefreshTimeoutMs { get; set; } = 2000;

    internal IEnumerable<string> Validate()
    {
        if (Mode == ClusterMode.Redis && string.IsNullOrWhiteSpace(Redis))
        {
            yield return "Cluster:Redis is required when Cluster:Mode is Redis (e.g. 127.0.0.1:6379).";
        }
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return "Cluster:ClusterId must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return "Cluster:ServiceId must not be empty.";
        }

        if (ProbeTimeoutMs < 100)
        {
            yield return "Cluster:ProbeTimeoutMs must be at least 100.";
        }

        if (NumMissedProbesLimit < 1)
        {
            yield return "Cluster:NumMissedProbesLimit must be at least 1.";
        }

        if (NumVotesForDeathDeclaration < 1)
        {
            yield return "Cluster:NumVotesForDeathDeclaration must be at least 1.";
        }
    }
}
