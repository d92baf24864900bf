namespace OrleansServe.LoadTester.Running;

/// <summary>
/// Sends on a fixed schedule whatever the server does: a dedicated thread waits for each send time
/// and starts the send without waiting for it, so a slow server never delays later sends.
/// </summary>
public sealed class OpenLoopRunner(RequestSender sender)
{
    private const int MaxSleepMs = 100;

    /// <summary>
    /// Sends one request at each offset (seconds from the clock's start) and waits for all to finish.
    /// On cancellation stops sending; returns the records of the requests that were sent, in order.
    /// </summary>
    public async Task<RequestRecord[]> RunAsync(double[] offsetsSeconds, CancellationToken cancellationToken)
    {
        var records = new RequestRecord[offsetsSeconds.Length];
        var pending = 1; // the dispatcher's own hold, released when it has sent everything
        var dispatched = 0;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Release()
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                drained.TrySetResult();
            }
        }

        async Task SendOneAsync(int index, long due)
        {
            try
            {
                records[index] = await sender.SendAsync(index, due, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Release();
            }
        }

        var dispatcher = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < offsetsSeconds.Length && !cancellationToken.IsCancellationRequested; i++)
                {
                    var due = sender.Clock.ToTimestamp(offsetsSeconds[i]);
                    if (!WaitUntil(due, cancellationToken))
                    {
                        break;
                    }

                    Interlocked.Increment(ref pending);
                    // Sent from this thread: the synchronous part of SendAsync is short (the socket
                    // writes complete asynchronously), and a thread-pool hop would add its own lag.
                    _ = SendOneAsync(i, due);
                    dispatched = i + 1;
                }
            }
            finally
            {
                Release();
            }
        })
        {
            IsBackground = true,
            Name = "LoadTester dispatcher",
            Priority = ThreadPriority.AboveNormal,
        };
        dispatcher.Start();
        await drained.Task.ConfigureAwait(false);
        return records[..Volatile.Read(ref dispatched)];
    }

    // Sleeps to within about a millisecond of the due time; the remainder shows up in the latency
    // (measured from the schedule), so the cost of not spinning is visible rather than hidden.
    private static bool WaitUntil(long due, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var remainingMs = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (remainingMs <= 0)
            {
                return true;
            }

            Thread.Sleep(remainingMs >= 2 ? (int)Math.Min(remainingMs - 1, MaxSleepMs) : 1);
        }

        return false;
    }
}
