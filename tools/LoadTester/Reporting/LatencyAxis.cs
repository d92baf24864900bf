using OrleansServe.LoadTester.Analysis;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>
/// The x axis of latency CDFs: linear, or log10 when latencies span more than a decade, so a
/// 20 ms body and a 2 s tail both stay readable.
/// </summary>
public sealed class LatencyAxis
{
    private LatencyAxis(bool log, double min, double max)
    {
        IsLog = log;
        Min = min;
        Max = max;
    }

    /// <summary>True when the axis is log10.</summary>
    public bool IsLog { get; }

    /// <summary>Smallest latency shown (ms).</summary>
    public double Min { get; }

    /// <summary>Largest latency shown (ms).</summary>
    public double Max { get; }

    /// <summary>An axis that fits <paramref name="latenciesMs"/>.</summary>
    public static LatencyAxis For(IEnumerable<double> latenciesMs)
    {
        var values = latenciesMs.Where(v => v > 0).ToArray();
        var min = values.Length > 0 ? values.Min() : 1;
        var max = values.Length > 0 ? values.Max() : 10;
        return new LatencyAxis(max / min > 10, min, Math.Max(max, min * 1.01));
    }

    /// <summary>The axis coordinate of a latency.</summary>
    public double ToAxis(double ms) => IsLog ? Math.Log10(Math.Max(ms, 1e-3)) : ms;

    /// <summary>Adds a CDF line (y in percent) on <paramref name="axis"/>.</summary>
    public static void AddCdf(Plot plot, IReadOnlyList<QuantilePoint> quantiles, LatencyAxis axis, string label, Color color)
    {
        var line = plot.Add.ScatterLine(
            quantiles.Select(q => axis.ToAxis(q.Ms)).ToArray(), quantiles.Select(q => q.P * 100).ToArray(), color);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    /// <summary>Sets the x limits and, for a log axis, ticks at 1-2-5 steps labelled in ms.</summary>
    public void Apply(Plot plot)
    {
        if (IsLog)
        {
            var ticks = new NumericManual();
            for (var decade = (int)Math.Floor(Math.Log10(Min)); decade <= (int)Math.Ceiling(Math.Log10(Max)); decade++)
            {
                for (var m = 1; m <= 9; m++)
                {
                    var ms = m * Math.Pow(10, decade);
                    if (m is 1 or 2 or 5)
                    {
                        ticks.AddMajor(Math.Log10(ms), ms.ToString("#,0.###", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        ticks.AddMinor(Math.Log10(ms));
                    }
                }
            }

            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.SetLimitsX(ToAxis(Min) - 0.05, ToAxis(Max) + 0.05);
        }
        else
        {
            plot.Axes.SetLimitsX(0, Max * 1.05);
        }
    }
}
