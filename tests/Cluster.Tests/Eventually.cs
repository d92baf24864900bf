using System.Diagnostics;

namespace OrleansServe.Cluster.Tests;

/// <summary>Waits for a condition instead of sleeping a guessed time.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, int timeoutMs = 20_000, int pollMs = 100) where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(pollMs);
        }
        throw new TimeoutException($"Condition not met within {timeoutMs} ms.", last);
    }

    public static Task TrueAsync(Func<Task<bool>> probe, int timeoutMs = 20_000) =>
        ValueAsync<object>(async () => await probe() ? new object() : null, timeoutMs);
}
