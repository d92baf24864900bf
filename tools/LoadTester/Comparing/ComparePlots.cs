using OrleansServe.LoadTester.Reporting;
using ScottPlot;

namespace OrleansServe.LoadTester.Comparing;

/// <summary>The plots of <c>compare</c>: p99 over time and latency CDFs, one line per run.</summary>
public static class ComparePlots
{
    /// <summary>File name of the p99-over-time plot.</summary>
    public const string LatencyFile = "compare-latency.png";

    /// <summary>File name of the CDF plot.</summary>
    public const string CdfFile = "compare-cdf.png";

    /// <summary>
    /// p99 per second of each run (left axis) with the offered rate (right axis): drawn once in grey
    /// when all runs offered the same load, else per run, dashed in the run's colour.
    /// </summary>
    public static string WriteLatencyOverTime(IReadOnlyList<ComparedRun> runs, string title, string path)
    {
        var plot = PlotTheme.Create($"{title}: p99 latency over time", "time since start (s)", "p99 latency (ms)");
        var sameLoad = runs.All(r => r.Summary.PerSecond.Select(s => s.Offered).SequenceEqual(runs[0].Summary.PerSecond.Select(s => s.Offered)));
        for (var i = 0; i < runs.Count; i++)
        {
            var color = PlotTheme.Series[i % PlotTheme.Series.Length];
            var seconds = runs[i].Summary.PerSecond.Where(s => s.P99Ms is not null).ToArray();
            var line = plot.Add.ScatterLine(seconds.Select(s => s.Second + 0.5).ToArray(), seconds.Select(s => s.P99Ms!.Value).ToArray(), color);
            line.LineWidth = 2;
            line.LegendText = $"{runs[i].Label} p99";
            if (!sameLoad || i == 0)
            {
                var all = runs[i].Summary.PerSecond;
                var offered = plot.Add.ScatterLine(all.Select(s => (double)s.Second).ToArray(), all.Select(s => (double)s.Offered).ToArray(),
                    sameLoad ? PlotTheme.Offered : color);
                offered.ConnectStyle = ConnectStyle.StepHorizontal;
                offered.LinePattern = LinePattern.Dashed;
                offered.LegendText = sameLoad ? "offered req/s" : $"{runs[i].Label} offered req/s";
                offered.Axes.YAxis = plot.Axes.Right;
            }
        }

        plot.Axes.Right.Label.Text = "offered requests per second";
        plot.Axes.Right.Label.FontSize = 14;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1, runs.SelectMany(r => r.Summary.PerSecond).Select(s => s.P99Ms ?? 0).DefaultIfEmpty(0).Max()) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, runs.SelectMany(r => r.Summary.PerSecond).Select(s => (double)s.Offered).DefaultIfEmpty(0).Max()) * 1.15, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotTheme.Save(plot, path);
    }

    /// <summary>The latency CDF of each run on one (log when wide) axis.</summary>
    public static string WriteCdf(IReadOnlyList<ComparedRun> runs, string title, string path)
    {
        var plot = PlotTheme.Create($"{title}: latency CDF", "latency (ms)", "share of requests (%)");
        var axis = LatencyAxis.For(runs.SelectMany(r => r.Summary.LatencyQuantiles).Select(q => q.Ms));
        for (var i = 0; i < runs.Count; i++)
        {
            LatencyAxis.AddCdf(plot, runs[i].Summary.LatencyQuantiles, axis, runs[i].Label, PlotTheme.Series[i % PlotTheme.Series.Length]);
        }

        axis.Apply(plot);
        plot.Axes.SetLimitsY(0, 101);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotTheme.Save(plot, path);
    }
}
