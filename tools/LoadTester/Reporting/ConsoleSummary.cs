using OrleansServe.LoadTester.Analysis;
using Spectre.Console;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Prints the headline figures of a run as a table.</summary>
public static class ConsoleSummary
{
    /// <summary>Writes the table for <paramref name="summary"/> and where the report went.</summary>
    public static void Print(RunSummary summary, string outDir)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("requests", summary.Count.ToString("#,0", c));
        table.AddRow("offered / throughput", $"{Html.Number(summary.OfferedRate)} / {Html.Number(summary.Throughput)} req/s");
        table.AddRow("success rate", Html.Percent(summary.SuccessRate));
        table.AddRow("p50 / p90 / p95", $"{Html.Ms(summary.P50Ms)} / {Html.Ms(summary.P90Ms)} / {Html.Ms(summary.P95Ms)} ms");
        table.AddRow("p99 / max", $"{Html.Ms(summary.P99Ms)} / {Html.Ms(summary.MaxMs)} ms");
        table.AddRow($"late sends (> {summary.LateSendThresholdMs.ToString("0.#", c)} ms)", summary.LateSends.ToString(c));
        if (summary.SloAttainment is { } slo)
        {
            table.AddRow($"SLO attainment ({summary.SloMs?.ToString("0.#", c)} ms)", Html.Percent(slo));
        }

        foreach (var (status, count) in summary.ErrorsByStatus)
        {
            table.AddRow(Markup.Escape($"errors {status}"), count.ToString(c));
        }

        if (summary.Timings is { } t)
        {
            table.AddRow("server queue / inference (mean)", $"{Html.Ms(t.MeanQueueMs)} / {Html.Ms(t.MeanInferenceMs)} ms");
        }

        if (summary.Cluster is { } cluster)
        {
            table.AddRow("cluster core-seconds", Html.Number(cluster.CoreSeconds));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.GetFullPath(Path.Combine(outDir, HtmlReport.FileName)))}[/]");
    }
}
