using Spectre.Console;

namespace OrleansServe.LoadTester.Running;

/// <summary>The live progress line: elapsed / total, sent, completed, errors, late sends, recent p99.</summary>
public static class ProgressDisplay
{
    /// <summary>
    /// Waits for <paramref name="run"/>, redrawing the line four times a second when
    /// <paramref name="enabled"/> and the console is interactive (never when output is redirected).
    /// </summary>
    public static async Task<T> ShowWhileAsync<T>(Task<T> run, LiveCounters counters, RunClock clock, double totalSeconds, bool enabled)
    {
        if (!enabled || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run.ConfigureAwait(false);
        }

        await AnsiConsole.Live(new Markup(Line(counters, clock, totalSeconds)))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(250)).ConfigureAwait(false);
                    context.UpdateTarget(new Markup(Line(counters, clock, totalSeconds)));
                }
            }).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    /// <summary>The text of the line (Spectre markup).</summary>
    public static string Line(LiveCounters counters, RunClock clock, double totalSeconds)
    {
        var c = CultureInfo.InvariantCulture;
        var p99 = counters.RecentP99() is { } v ? v.ToString("0.0", c) + " ms" : "–";
        var errors = counters.Errors > 0 ? $"[red]{counters.Errors}[/]" : "0";
        var late = counters.Late > 0 ? $"[yellow]{counters.Late}[/]" : "0";
        return $"[bold]{(clock.ElapsedMs / 1000).ToString("0.0", c)}[/] / {totalSeconds.ToString("0", c)} s  " +
               $"sent {counters.Sent}  completed {counters.Completed}  errors {errors}  late {late}  p99 (recent) [bold]{p99}[/]";
    }
}
