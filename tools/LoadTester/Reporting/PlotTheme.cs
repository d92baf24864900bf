using ScottPlot;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>The shared look of every plot: size, font and colours.</summary>
public static class PlotTheme
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 1100;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 520;

    /// <summary>Colour of the median.</summary>
    public static readonly Color P50 = Color.FromHex("#1f77b4");

    /// <summary>Colour of the 90th percentile.</summary>
    public static readonly Color P90 = Color.FromHex("#ff7f0e");

    /// <summary>Colour of the 99th percentile.</summary>
    public static readonly Color P99 = Color.FromHex("#d62728");

    /// <summary>Colour of the offered rate.</summary>
    public static readonly Color Offered = Color.FromHex("#7f7f7f");

    /// <summary>Colour of the achieved rate.</summary>
    public static readonly Color Achieved = Color.FromHex("#2ca02c");

    /// <summary>Colour of the SLO line.</summary>
    public static readonly Color Slo = Color.FromHex("#9467bd");

    /// <summary>Distinct colours for runs in <c>compare</c>.</summary>
    public static readonly Color[] Series = new ScottPlot.Palettes.Category10().Colors;

    // Skia without fontconfig falls back to a serif face; ask for the sans one the machine has.
    private static readonly bool HasSans = SkiaSharp.SKFontManager.Default.MatchFamily("DejaVu Sans") is not null;

    /// <summary>A new plot with a sans-serif font (DejaVu Sans when installed) and a title.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (HasSans)
        {
            plot.Font.Set("DejaVu Sans");
        }

        plot.Title(title, size: 18);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }

    /// <summary>Saves as PNG at the standard size and returns the path.</summary>
    public static string Save(Plot plot, string path)
    {
        plot.SavePng(path, Width, Height);
        return path;
    }
}
