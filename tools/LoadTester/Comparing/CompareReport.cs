using System.Text;
using OrleansServe.LoadTester.Reporting;

namespace OrleansServe.LoadTester.Comparing;

/// <summary><c>compare</c>: several runs in one plot and one table (compare.md, compare.html, two PNGs).</summary>
public static class CompareReport
{
    /// <summary>Reads each run folder's summary.json.</summary>
    /// <exception cref="ArgumentException">A folder without a readable summary.json.</exception>
    public static IReadOnlyList<ComparedRun> Load(CompareSettings options) => options.RunDirs.Select((dir, i) =>
    {
        var path = Path.Combine(dir, SummaryJson.FileName);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"'{dir}' holds no {SummaryJson.FileName}; is it a run folder?");
        }

        try
        {
            return new ComparedRun(options.Labels[i], SummaryJson.Read(path));
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }).ToArray();

    /// <summary>Writes the comparison into <paramref name="outDir"/> and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<ComparedRun> runs, string title, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var latency = ComparePlots.WriteLatencyOverTime(runs, title, Path.Combine(outDir, ComparePlots.LatencyFile));
        var cdf = ComparePlots.WriteCdf(runs, title, Path.Combine(outDir, ComparePlots.CdfFile));

        var markdown = Path.Combine(outDir, "compare.md");
        File.WriteAllText(markdown,
            $"# {title}\n\n{CompareTable.Markdown(runs)}\n![p99 over time]({ComparePlots.LatencyFile})\n\n![latency CDF]({ComparePlots.CdfFile})\n");

        var html = Path.Combine(outDir, "compare.html");
        var sb = new StringBuilder(Html.Head(title)).Append($"<h1>{Html.Encode(title)}</h1>");
        sb.Append(Html.Table(CompareTable.Header, CompareTable.Rows(runs)));
        sb.Append(Html.Image(latency, "p99 over time")).Append(Html.Image(cdf, "latency CDF"));
        sb.Append("<p class=\"muted\">Runs: ").AppendJoin(", ", runs.Select(r =>
            Html.Encode($"{r.Label} ({r.Summary.Run.Workload}, {r.Summary.Run.Style}, {r.Summary.Run.StartedUtc:yyyy-MM-dd HH:mm} UTC)")));
        File.WriteAllText(html, sb.Append("</p></body></html>").ToString());
        return [latency, cdf, markdown, html];
    }
}
