using OrleansServe.LoadTester.Cli;

namespace OrleansServe.LoadTester.Comparing;

/// <summary>The settings of <c>compare</c>.</summary>
/// <param name="RunDirs">Run folders, each holding a summary.json.</param>
/// <param name="OutDir">Where to write the comparison. The default is <c>compare</c>.</param>
/// <param name="Labels">One label per run; the default is each folder's name.</param>
/// <param name="Title">Title of plots and report.</param>
public sealed record CompareSettings(IReadOnlyList<string> RunDirs, string OutDir, IReadOnlyList<string> Labels, string Title)
{
    /// <summary>Options of <c>compare</c> that take a value.</summary>
    public static readonly string[] ValueOptions = ["out", "labels", "title"];

    /// <summary>Parses the arguments of <c>compare</c>.</summary>
    /// <exception cref="UsageException">No run folders, or labels that do not match them.</exception>
    public static CompareSettings Parse(ParsedArgs args)
    {
        if (args.Positionals.Count == 0)
        {
            throw new UsageException("compare needs at least one RUN_DIR");
        }

        var labels = args.GetAll("labels");
        if (labels.Count > 0 && labels.Count != args.Positionals.Count)
        {
            throw new UsageException($"--labels: {labels.Count} labels for {args.Positionals.Count} runs");
        }

        if (labels.Count == 0)
        {
            labels = args.Positionals.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))).ToArray();
        }

        return new CompareSettings(args.Positionals, args.Get("out") ?? "compare", labels, args.Get("title") ?? "Load test comparison");
    }
}
