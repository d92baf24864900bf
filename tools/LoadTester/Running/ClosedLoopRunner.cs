namespace OrleansServe.LoadTester.Running;

/// <summary>
/// <c>--concurrency N</c>: N workers each send, wait for the answer, and send again until the
/// duration ends. Offered load then follows the server, so latency is timed from each actual send.
/// </summary>
public sealed class ClosedLoopRunner(RequestSender sender)
{
    /// <summary>Runs <paramref name="concurrency"/> workers for <paramref name="durationSeconds"/>; records in send order.</summary>
    public async Task<RequestRecord[]> RunAsync(int concurrency, double durationSeconds, CancellationToken cancellationToken)
    {
        var end = sender.Clock.ToTimestamp(durationSeconds);
        long next = -1;
        var results = new List<RequestRecord>[concurrency];

        async Task WorkAsync(int worker)
        {
            var mine = results[worker] = [];
            await Task.Yield();
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end)
                {
                    break;
                }

                mine.Add(await sender.SendAsync(Interlocked.Increment(ref next), now, cancellationToken).ConfigureAwait(false));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(WorkAsync)).ConfigureAwait(false);
        return results.SelectMany(r => r).OrderBy(r => r.ScheduledMs).ToArray();
    }
}
