namespace OrleansServe.Engine.Simulated;

/// <summary>Busy work (never a sleep) until the calling thread has used a CPU-time budget.</summary>
internal static class CpuBurner
{
    /// <summary>Burns <paramref name="milliseconds"/> of this thread's CPU time; false when cancelled first.</summary>
    public static bool Burn(double milliseconds, CancellationToken cancellationToken)
    {
        if (milliseconds <= 0)
        {
            return true;
        }
        var end = ThreadCpuClock.NowMs() + milliseconds;
        var state = 0x2545F4914F6CDD1DUL;
        do
        {
            // About 20 µs of arithmetic between clock reads: the clock costs well under 1 µs.
            for (var i = 0; i < 20_000; i++)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        while (ThreadCpuClock.NowMs() < end);
        GC.KeepAlive(state);
        return true;
    }
}
