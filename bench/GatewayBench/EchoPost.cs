using System.Text;

namespace OrleansServe.GatewayBench;

/// <summary>The tiny path's REST request from this process: <c>{"tokens":1}</c> POSTed to a URL.</summary>
public sealed class EchoPost : IDisposable
{
    public const string Body = "{\"tokens\":1}";

    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });

    /// <summary>The HTTP status, 0 when the connection failed.</summary>
    public async Task<int> SendAsync(Uri url)
    {
        try
        {
            using var response = await _client.PostAsync(url, new StringContent(Body, Encoding.UTF8, "application/json"));
            await response.Content.ReadAsByteArrayAsync();
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public void Dispose() => _client.Dispose();
}
