namespace OrleansServe.LoadTester.Running;

/// <summary>The one <see cref="HttpClient"/> a run shares across all sends.</summary>
public static class LoadClient
{
    /// <summary>
    /// A client whose pool allows <paramref name="maxConnections"/> parallel connections (an open loop
    /// needs one per request in flight over HTTP/1.1) and gives up on a request after <paramref name="timeout"/>.
    /// </summary>
    public static HttpClient Create(int maxConnections, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            Timeout = timeout,
        };
}
