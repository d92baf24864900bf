namespace OrleansServe;

/// <summary>
/// Percentiles by the nearest-rank method, the project's one percentile rule: always a value that was actually
/// observed (servers' stats windows, the ops page's test traffic, the load tester, the scaling simulator).
/// </summary>
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

    /// <summary>Like <see cref="NearestRank"/>, but 0 for no values.</summary>
    public static double OrZero(ReadOnlySpan<double> sorted, double p) =>
        sorted.IsEmpty ? 0 : NearestRank(sorted, p);
}
