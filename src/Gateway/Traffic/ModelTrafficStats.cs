namespace OrleansServe.Gateway.Traffic;

/// <summary>One model's share of a test-traffic run.</summary>
public sealed record ModelTrafficStats(int Requests, int Succeeded, double MeanMs, double P50Ms, double P99Ms)
{
    public static ModelTrafficStats From(IReadOnlyList<(int Status, double Ms)> results)
    {
        var ok = results.Where(r => r.Status == 200).Select(r => r.Ms).Order().ToArray();
        return new ModelTrafficStats(results.Count, ok.Length, ok.Length == 0 ? 0 : Math.Round(ok.Average(), 2),
            Percentile(ok, 0.50), Percentile(ok, 0.99));
    }

    public static double Percentile(double[] sorted, double q) => Math.Round(Percentiles.OrZero(sorted, q), 2);
}
