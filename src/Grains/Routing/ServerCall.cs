namespace OrleansServe.Grains.Routing;

/// <summary>
/// One call of a batch to a model server, bounded by the batch's deadline (plus a little) and
/// <see cref="RouterOptions.MaxCallMs"/>, cancelled when the caller leaves or membership declares the server's silo
/// dead, and given up after two missed probes while it runs long (a silo that died is left within about a second).
/// Returns the server's answer; throws only when the server could not be reached or the caller left.
/// </summary>
public sealed class ServerCall(GrainReferences<IModelServerGrain> servers, SiloWatch watch, ServerProbe probe, IOptions<RouterOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<InferenceOutcome>> InferAsync(ServerView server, string model, IReadOnlyList<InferenceRequest> items, CancellationToken callerToken)
    {
        var deadline = items.Max(r => r.DeadlineUtc);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(callerToken, watch.Lifetime(server.SiloName));
        cts.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp((deadline - time.GetUtcNow().UtcDateTime).TotalMilliseconds + 250, 1, options.Value.MaxCallMs)));
        var call = servers.Get(server.ServerId).InferAsync(model, items, cts.Token);
        try
        {
            return await WatchAsync(call, server.ServerId, cts);
        }
        catch (InferenceException ex) when (!callerToken.IsCancellationRequested)
        {
            // The server answered with an error for the whole batch (an injected fault, say): an answer, not a lost server.
            return [.. items.Select(_ => InferenceOutcome.Fail(ex.Kind, ex.Message))];
        }
    }

    /// <summary>
    /// Awaits a server call; while it runs past <see cref="ProbeAfter"/>, probes the server, and gives the call up
    /// after two missed probes, so work on a silo that just died is re-routed within about a second, before
    /// membership has declared the death.
    /// </summary>
    private async Task<IReadOnlyList<InferenceOutcome>> WatchAsync(Task<IReadOnlyList<InferenceOutcome>> call, string serverId, CancellationTokenSource cts)
    {
        var missed = 0;
        var wait = ProbeAfter;
        while (!call.IsCompleted && !await CompletesWithinAsync(call, wait))
        {
            wait = ProbeEvery;
            missed = await probe.IsResponsiveAsync(serverId) ? 0 : missed + 1;
            if (missed >= 2)
            {
                cts.Cancel();
                _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw new ServerUnavailableException(serverId, $"Server {serverId} stopped answering.");
            }
        }
        return await call;
    }

    /// <summary>Waits for the call or the time, whichever comes first; the timer is released as soon as the call ends.</summary>
    private async Task<bool> CompletesWithinAsync(Task call, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        var delay = Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);
        var first = await Task.WhenAny(call, delay);
        return first == call;
    }
}
