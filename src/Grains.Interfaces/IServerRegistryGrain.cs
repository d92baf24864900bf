namespace OrleansServe;

/// <summary>The cluster's servers and their latest reports; drops the servers of dead silos.</summary>
[Alias("OrleansServe.IServerRegistryGrain")]
public interface IServerRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records a server's report (registering the server on its first). One-way: a server never waits on the registry,
    /// so a registry that is moving (its silo just left) cannot stall the reports of every server.
    /// </summary>
    [Alias("ReportAsync"), Orleans.Concurrency.OneWay]
    Task ReportAsync(ServerLoadReport report);

    /// <summary>Removes a server (drained or stopped).</summary>
    [Alias("RemoveAsync")]
    Task RemoveAsync(string serverId);

    /// <summary>Every known server with its health.</summary>
    [Alias("GetServersAsync")]
    Task<IReadOnlyList<ServerView>> GetServersAsync();
}
