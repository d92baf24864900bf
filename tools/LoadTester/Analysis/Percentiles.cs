namespace OrleansServe.LoadTester.Analysis;

/// <summary>Percentiles by the nearest-rank method: always a latency that was actually observed.</summary>
public static class Percentiles
{
    /// <summary>
    /// The smallest value with at least <paramref name="p"/> of the values at or below it
    /// (<paramref name="p"/> in [0, 1]); <paramref name="sorted"/> must be ascending and non-empty.
    /// </summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Like <see cref="NearestRank"/>, but null for no values.</summary>
    public static double? OrNull(ReadOnlySpan<double> sorted, double p) =>
        sorted.IsEmpty ? null : NearestRank(sorted, p);
}
