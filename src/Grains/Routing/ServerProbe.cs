using System.Collections.Concurrent;

namespace OrleansServe.Grains.Routing;

/// <summary>
/// Asks a server whether it still answers, for calls that are taking long: a reentrant server answers a report
/// request at once even when busy, so a missed answer means its silo is gone or cut off. Concurrent askers about
/// the same server share one probe.
/// </summary>
public sealed class ServerProbe(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a probe may take before it counts as missed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1000);

    private static readonly TimeSpan Reuse = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, (long Started, Task<bool> Answer)> _probes = new();

    public Task<bool> IsResponsiveAsync(string serverId)
    {
        var now = time.GetTimestamp();
        var probe = _probes.AddOrUpdate(serverId,
            _ => (now, Start(serverId)),
            (_, old) => time.GetElapsedTime(old.Started, now) < Reuse ? old : (now, Start(serverId)));
        return probe.Answer;
    }

    private Task<bool> Start(string serverId) => Task.Run(async () =>
    {
        try
        {
            await grains.GetGrain<IModelServerGrain>(serverId).GetReportAsync().WaitAsync(Timeout, time);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    });
}
