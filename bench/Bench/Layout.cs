using System.Globalization;

namespace OrleansServe.Bench;

/// <summary>How the cores are used: worker threads running batches, each run using intra-op threads.</summary>
internal sealed record Layout(int Workers, int IntraOpThreads)
{
    public static Layout Parse(string text)
    {
        var parts = text.Split('x');
        return new Layout(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public override string ToString() => $"{Workers} worker{(Workers == 1 ? "" : "s")} × {IntraOpThreads} thread{(IntraOpThreads == 1 ? "" : "s")}";
}
