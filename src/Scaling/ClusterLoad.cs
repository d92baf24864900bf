namespace OrleansServe.Scaling;

/// <summary>The cluster's serving replicas as the registry shows them at one poll.</summary>
/// <param name="Active">Healthy, non-draining servers with a report.</param>
/// <param name="All">Every server the registry knows (draining ones too), for picking fresh keys.</param>
public sealed record ClusterLoad(IReadOnlyList<ServerLoadReport> Active, IReadOnlyList<ServerView> All)
{
    public static ClusterLoad From(IReadOnlyList<ServerView> servers) => new(
        servers.Where(s => s.Healthy && s.Report is { Draining: false }).Select(s => s.Report!).ToList(),
        servers);

    /// <summary>Active servers per silo name.</summary>
    public ILookup<string, ServerLoadReport> BySilo => Active.ToLookup(r => r.SiloName, StringComparer.Ordinal);
}
