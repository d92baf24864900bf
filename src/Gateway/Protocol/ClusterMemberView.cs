namespace OrleansServe.Gateway.Protocol;

/// <summary>One silo of the cluster's membership as this gateway's silo sees it.</summary>
public sealed record ClusterMemberView(string Name, string Address, string Status);
