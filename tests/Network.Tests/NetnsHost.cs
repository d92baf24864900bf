namespace OrleansServe.Network.Tests;

/// <summary>One host of the test bed: its network namespace, its address on the cluster's bridge and the process it runs.</summary>
public sealed class NetnsHost(string name, string networkNamespace, string address, string link)
{
    /// <summary>The host's name in scripts/netns-cluster.sh: redis, gw, silo1…; silos also use it as <c>Silo:Name</c>.</summary>
    public string Name { get; } = name;

    public string Namespace { get; } = networkNamespace;

    /// <summary>The host's address on the cluster's bridge.</summary>
    public string Address { get; } = address;

    /// <summary>The root namespace's end of the host's cluster link: set down, it partitions the host.</summary>
    public string Link { get; } = link;

    /// <summary>The host's current process (a new one after a restart), or null before the first start.</summary>
    public ManagedProcess? Process { get; set; }

    public bool Running => Process is { HasExited: false };
}
