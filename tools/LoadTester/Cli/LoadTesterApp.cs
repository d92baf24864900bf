using OrleansServe.LoadTester.Comparing;
using OrleansServe.LoadTester.Reporting;
using OrleansServe.LoadTester.Running;
using OrleansServe.LoadTester.Simulating;
using OrleansServe.LoadTester.Workloads;
using Spectre.Console;

namespace OrleansServe.LoadTester.Cli;

/// <summary>The command dispatcher behind <c>Program</c>: <c>run</c>, <c>compare</c>, <c>simulate</c>, <c>--help</c>.</summary>
public static class LoadTesterApp
{
    /// <summary>Runs the command in <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellationToken = default)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case null or "-h" or "--help" or "help":
                    Console.Out.Write(HelpText.Usage);
                    return 0;
                case "run":
                    return await RunAsync(args[1..], cancellationToken).ConfigureAwait(false);
                case "compare":
                    return Compare(args[1..]);
                case "simulate":
                    return await SimulateCommand.RunAsync(args[1..], cancellationToken).ConfigureAwait(false);
                default:
                    throw new UsageException($"unknown command '{args[0]}' (expected run, compare or simulate; see --help)");
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or WorkloadFormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parsed = ParsedArgs.Parse(args, RunOptionsParser.ValueOptions, RunOptionsParser.Flags);
        if (parsed.Has("help"))
        {
            Console.Out.Write(HelpText.Usage);
            return 0;
        }

        var options = RunOptionsParser.Parse(parsed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // First Ctrl+C stops sending and still writes the report; a second one kills the process.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var result = await LoadTestRun.ExecuteAsync(options, stop.Token).ConfigureAwait(false);
            ConsoleSummary.Print(result.Summary, options.OutDir);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Compare(string[] args)
    {
        var parsed = ParsedArgs.Parse(args, CompareSettings.ValueOptions, []);
        if (parsed.Has("help"))
        {
            Console.Out.Write(HelpText.Usage);
            return 0;
        }

        var options = CompareSettings.Parse(parsed);
        var runs = CompareReport.Load(options);
        var files = CompareReport.Write(runs, options.Title, options.OutDir);
        // The console gets the columns that fit 80 characters; compare.md and compare.html have them all.
        int[] shown = [0, 1, 3, 4, 5, 7, 10];
        var table = new Table().AddColumns(shown.Select(i => CompareTable.Header[i]).ToArray());
        foreach (var row in CompareTable.Rows(runs))
        {
            table.AddRow(shown.Select(i => Markup.Escape(row[i])).ToArray());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"written: {Markup.Escape(string.Join(", ", files.Select(Path.GetFileName)))} in {Markup.Escape(Path.GetFullPath(options.OutDir))}");
        return 0;
    }
}
