using ScottPlot;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>PNG plots: offered load, replicas, queue and p99 over time; one figure per run, and one comparing runs.</summary>
public static class PlotWriter
{
    private const int Width = 1200;
    private const int Height = 1100;

    public static void WriteRun(SimulationResult result, string path)
    {
        var multiplot = NewFigure();
        var s = result.Series;
        var seconds = Enumerable.Range(0, s.OfferedLoad.Count).Select(i => (double)i).ToArray();
        Line(multiplot.GetPlot(0), seconds, s.OfferedLoad, "offered load", "requests / s");
        Line(multiplot.GetPlot(1), seconds, s.Replicas, "replicas (holding a core)", "replicas");
        Line(multiplot.GetPlot(1), seconds, s.ReadyReplicas, "ready", "replicas");
        Line(multiplot.GetPlot(2), seconds, s.Queue, "queue", "requests waiting");
        Line(multiplot.GetPlot(3), s.P99.Select(p => p.Second).ToArray(), s.P99.Select(p => p.P99Ms).ToList(), "p99 (10 s windows)", "p99 latency (ms)");
        var sum = result.Summary;
        multiplot.GetPlot(0).Title($"{sum.Workload} · {sum.Policy}: p50 {sum.P50Ms} ms, p99 {sum.P99Ms} ms, >500 ms {sum.Over500ms}, {sum.CoreSeconds:0} core-s, {sum.ScaleEvents} scale events");
        Finish(multiplot, path);
    }

    public static void WriteComparison(IReadOnlyList<SimulationResult> results, string path)
    {
        var multiplot = NewFigure();
        var first = results[0].Series;
        var seconds = Enumerable.Range(0, first.OfferedLoad.Count).Select(i => (double)i).ToArray();
        Line(multiplot.GetPlot(0), seconds, first.OfferedLoad, "offered load", "requests / s");
        foreach (var r in results)
        {
            var x = Enumerable.Range(0, r.Series.Replicas.Count).Select(i => (double)i).ToArray();
            var label = $"{r.Summary.Policy} (p99 {r.Summary.P99Ms} ms, {r.Summary.CoreSeconds:0} core-s)";
            Line(multiplot.GetPlot(1), x, r.Series.Replicas, label, "replicas");
            Line(multiplot.GetPlot(2), x, r.Series.Queue, r.Summary.Policy, "queue");
            Line(multiplot.GetPlot(3), r.Series.P99.Select(p => p.Second).ToArray(), r.Series.P99.Select(p => p.P99Ms).ToList(), r.Summary.Policy, "p99 latency (ms)");
        }
        multiplot.GetPlot(0).Title($"{results[0].Summary.Workload}: policies side by side");
        Finish(multiplot, path);
    }

    // Skia's bundled build has no fontconfig: ask for the sans face the machine has, by name or by file.
    private static readonly string? Sans = FindSans();

    private static Multiplot NewFigure()
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        if (Sans is not null)
        {
            foreach (var plot in multiplot.GetPlots())
            {
                plot.Font.Set(Sans);
            }
        }
        return multiplot;
    }

    private static string? FindSans()
    {
        if (SkiaSharp.SKFontManager.Default.MatchFamily("DejaVu Sans") is not null)
        {
            return "DejaVu Sans";
        }

        const string file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (!File.Exists(file))
        {
            return null;
        }

        Fonts.AddFontFile("DejaVu Sans", file);
        return "DejaVu Sans";
    }

    private static void Line(Plot plot, double[] xs, IReadOnlyList<double> ys, string label, string yLabel)
    {
        var n = Math.Min(xs.Length, ys.Count);
        if (n == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(xs[..n], ys.Take(n).ToArray());
        line.LegendText = label;
        line.LineWidth = 1.5f;
        plot.YLabel(yLabel);
        plot.XLabel("time (s)");
    }

    private static void Finish(Multiplot multiplot, string path)
    {
        foreach (var plot in multiplot.GetPlots())
        {
            plot.ShowLegend(Alignment.UpperRight);
            plot.Axes.Margins(bottom: 0);
        }
        multiplot.SharedAxes.ShareX(multiplot.GetPlots());
        multiplot.SavePng(path, Width, Height);
    }
}
