using StackExchange.Redis;

namespace OrleansServe.Hosting;

/// <summary>
/// Connects to Redis (the membership table and the scaler's state) and, while it is unreachable, tries again each
/// second for up to <see cref="Patience"/>: a silo started while Redis is down waits and joins when it is back. The
/// client's own connect gives up at once, and the silo exited.
/// </summary>
internal static class RedisConnection
{
    /// <summary>How long a starting silo waits for Redis (as long as Orleans lets a silo try to join the cluster).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>A connection of the caller's own (not shared: the caller disposes it).</summary>
    public static async Task<(IConnectionMultiplexer Multiplexer, bool IsShared)> ConnectAsync(ConfigurationOptions options)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return (await ConnectionMultiplexer.ConnectAsync(options), false);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
