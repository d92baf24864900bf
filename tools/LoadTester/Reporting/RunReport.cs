using OrleansServe.LoadTester.Analysis;
using OrleansServe.LoadTester.Running;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Writes every file of a run folder: requests.csv, summary.json, the PNGs and report.html.</summary>
public static class RunReport
{
    /// <summary>Writes the folder (created if needed) and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<RequestRecord> records, RunSummary summary)
    {
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, RequestsCsv.FileName);
        RequestsCsv.Write(csv, records);
        var json = Path.Combine(directory, SummaryJson.FileName);
        SummaryJson.Write(json, summary);
        var pngs = new List<string>
        {
            RunPlots.WriteLatencyOverTime(summary, Path.Combine(directory, RunPlots.LatencyFile)),
            RunPlots.WriteCdf(summary, Path.Combine(directory, RunPlots.CdfFile)),
        };
        if (RunPlots.WriteTimings(summary, Path.Combine(directory, RunPlots.TimingsFile)) is { } timings)
        {
            pngs.Add(timings);
        }

        var html = Path.Combine(directory, HtmlReport.FileName);
        HtmlReport.Write(html, summary, pngs);
        return [csv, json, .. pngs, html];
    }
}
