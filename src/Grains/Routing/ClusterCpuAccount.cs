using System.Collections.Concurrent;

namespace OrleansServe.Grains.Routing;

/// <summary>
/// The CPU time the cluster's serving silos have used, from the servers' reports: per silo process (keyed by its
/// address, which changes when a silo restarts) the highest reported value, kept after the silo leaves, so the sum
/// only grows and a load test can take the difference between its start and end.
/// </summary>
public sealed class ClusterCpuAccount
{
    private readonly ConcurrentDictionary<string, double> _bySilo = new(StringComparer.Ordinal);

    /// <summary>Core-seconds used by every silo seen so far, all cores together.</summary>
    public double CoreSeconds => _bySilo.Values.Sum();

    /// <summary>Silo processes counted, including those that have left.</summary>
    public int Silos => _bySilo.Count;

    public void Observe(IEnumerable<ServerView> servers)
    {
        foreach (var server in servers)
        {
            if (server.Report is not { CpuSeconds: > 0 } report)
            {
                continue;
            }

            _bySilo.AddOrUpdate(report.SiloAddress, report.CpuSeconds, (_, seen) => Math.Max(seen, report.CpuSeconds));
        }
    }
}
