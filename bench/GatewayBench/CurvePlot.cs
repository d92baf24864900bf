using ScottPlot;

namespace OrleansServe.GatewayBench;

/// <summary>Draws the latency–throughput curve: p50 and p99 against the answered rate, the single-request latency and its 3 × line.</summary>
public static class CurvePlot
{
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    public static string Save(IReadOnlyList<CurveBench.Step> steps, double singleMs, string path)
    {
        var plot = new Plot();
        // Skia's default face draws no text on a machine without fontconfig's defaults: load a sans face by its file.
        if (FontFiles.FirstOrDefault(File.Exists) is { } font)
        {
            Fonts.AddFontFile("bench-sans", font);
            plot.Font.Set("bench-sans");
        }
        plot.Title("ResNet18 through the gateway: latency against offered load (open loop)");
        plot.XLabel("offered load, % of closed-loop capacity");
        plot.YLabel("latency of answered requests (ms)");
        var x = steps.Select(s => s.Fraction * 100).ToArray();
        var p50 = plot.Add.Scatter(x, steps.Select(s => s.Run.P50).ToArray());
        p50.LegendText = "p50";
        var p99 = plot.Add.Scatter(x, steps.Select(s => s.Run.P99).ToArray());
        p99.LegendText = "p99";
        var single = plot.Add.HorizontalLine(singleMs);
        single.LegendText = $"single request ({singleMs:0} ms)";
        single.LinePattern = LinePattern.Dotted;
        var goal = plot.Add.HorizontalLine(3 * singleMs);
        goal.LegendText = "3 × single (goal up to 80 %)";
        goal.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimitsY(0, Math.Max(steps.Max(s => s.Run.P99), 3 * singleMs) * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        var full = Path.GetFullPath(path);
        plot.SavePng(full, 1000, 560);
        return full;
    }
}
