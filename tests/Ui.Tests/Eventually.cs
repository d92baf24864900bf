using System.Diagnostics;

namespace OrleansServe.Ui.Tests;

/// <summary>Polls a condition the page reaches by itself (a frame arrives every second) until it holds or time runs out.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }
            if (clock.Elapsed > within)
            {
                throw new Xunit.Sdk.XunitException($"Not within {within.TotalSeconds:0.#} s: {what}");
            }
            await Task.Delay(100);
        }
    }
}
