using OrleansServe.LoadTester.Analysis;
using ScottPlot;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>The PNG plots of one run.</summary>
public static class RunPlots
{
    /// <summary>File name of the latency-over-time plot.</summary>
    public const string LatencyFile = "latency.png";

    /// <summary>File name of the CDF plot.</summary>
    public const string CdfFile = "cdf.png";

    /// <summary>File name of the queue/inference plot.</summary>
    public const string TimingsFile = "timings.png";

    /// <summary>p50/p90/p99 per second (left axis) against offered and achieved rate (right axis).</summary>
    public static string WriteLatencyOverTime(RunSummary summary, string path)
    {
        var plot = PlotTheme.Create($"Latency over time: {summary.Run.Workload}", "time since start (s)", "latency (ms)");
        var seconds = summary.PerSecond;
        AddPercentile(plot, seconds, s => s.P50Ms, "p50", PlotTheme.P50);
        AddPercentile(plot, seconds, s => s.P90Ms, "p90", PlotTheme.P90);
        AddPercentile(plot, seconds, s => s.P99Ms, "p99", PlotTheme.P99);
        if (summary.SloMs is { } slo)
        {
            var line = plot.Add.HorizontalLine(slo, 1.5f, PlotTheme.Slo, LinePattern.Dotted);
            line.LegendText = $"SLO {slo:0.#} ms";
        }

        var xs = seconds.Select(s => (double)s.Second).ToArray();
        AddRate(plot, xs, seconds.Select(s => (double)s.Offered).ToArray(), "offered req/s", PlotTheme.Offered, LinePattern.Dashed);
        AddRate(plot, xs, seconds.Select(s => (double)s.Achieved).ToArray(), "achieved req/s", PlotTheme.Achieved, LinePattern.Solid);
        plot.Axes.Right.Label.Text = "requests per second";
        plot.Axes.Right.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0, Math.Max(1, seconds.Select(s => s.P99Ms ?? 0).DefaultIfEmpty(0).Max()) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, seconds.Select(s => (double)Math.Max(s.Offered, s.Achieved)).DefaultIfEmpty(0).Max()) * 1.15, plot.Axes.Right);
        plot.Axes.SetLimitsX(0, Math.Max(1, xs.Length));
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotTheme.Save(plot, path);
    }

    /// <summary>Share of requests answered within x ms; log x when latencies span more than a decade.</summary>
    public static string WriteCdf(RunSummary summary, string path)
    {
        var plot = PlotTheme.Create($"Latency CDF: {summary.Run.Workload}", "latency (ms)", "share of requests (%)");
        var scale = LatencyAxis.For(summary.LatencyQuantiles.Select(q => q.Ms));
        LatencyAxis.AddCdf(plot, summary.LatencyQuantiles, scale, "all requests", PlotTheme.P50);
        foreach (var (label, value, color) in new[]
                 {
                     ("p50", summary.P50Ms, PlotTheme.P50), ("p99", summary.P99Ms, PlotTheme.P99),
                     ("SLO", summary.SloMs, PlotTheme.Slo),
                 })
        {
            if (value is { } ms)
            {
                var line = plot.Add.VerticalLine(scale.ToAxis(ms), 1.5f, color, LinePattern.Dotted);
                line.LegendText = $"{label} {ms:0.#} ms";
            }
        }

        scale.Apply(plot);
        plot.Axes.SetLimitsY(0, 101);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotTheme.Save(plot, path);
    }

    /// <summary>Mean server queue and inference time per second beside the client's p50, when responses carried timings.</summary>
    public static string? WriteTimings(RunSummary summary, string path)
    {
        if (summary.Timings is null)
        {
            return null;
        }

        var plot = PlotTheme.Create("Where the time goes: server queue vs inference", "time since start (s)", "ms");
        AddPercentile(plot, summary.PerSecond, s => s.P50Ms, "client p50 (end to end)", PlotTheme.P50);
        AddPercentile(plot, summary.PerSecond, s => s.QueueMs, "server queue (mean)", PlotTheme.P90);
        AddPercentile(plot, summary.PerSecond, s => s.InferenceMs, "inference (mean)", PlotTheme.Achieved);
        plot.Axes.SetLimitsX(0, Math.Max(1, summary.PerSecond.Count));
        plot.Axes.AutoScaleY();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotTheme.Save(plot, path);
    }

    private static void AddPercentile(Plot plot, IReadOnlyList<SecondStats> seconds, Func<SecondStats, double?> pick, string label, Color color)
    {
        var points = seconds.Where(s => pick(s) is not null).ToArray();
        var line = plot.Add.ScatterLine(points.Select(s => s.Second + 0.5).ToArray(), points.Select(s => pick(s)!.Value).ToArray(), color);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    private static void AddRate(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LinePattern = pattern;
        line.LineWidth = 1.5f;
        line.LegendText = label;
        line.Axes.YAxis = plot.Axes.Right;
    }
}
