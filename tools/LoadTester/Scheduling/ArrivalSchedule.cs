using OrleansServe.LoadTester.Workloads;

namespace OrleansServe.LoadTester.Scheduling;

/// <summary>Turns a workload into the sorted send times (seconds from the start) of an open-loop run.</summary>
public static class ArrivalSchedule
{
    /// <summary>Hard cap on the requests one run may schedule (memory stays bounded).</summary>
    public const int MaxRequests = 20_000_000;

    /// <summary>
    /// Send offsets in seconds. Second <c>s</c> gets <c>rate[s] × scale</c> requests; fractions carry
    /// over to later seconds so the total equals the scaled sum, rounded down.
    /// </summary>
    public static double[] Build(Workload workload, double scale, ArrivalProcess process, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        var counts = CountsPerSecond(workload.Rates, scale);
        var total = counts.Sum(c => (long)c);
        if (total > MaxRequests)
        {
            throw new ArgumentException($"the workload schedules {total} requests; the limit is {MaxRequests}");
        }

        var offsets = new double[total];
        var random = new Random(seed);
        var next = 0;
        for (var second = 0; second < counts.Length; second++)
        {
            var n = counts[second];
            for (var k = 0; k < n; k++)
            {
                var within = process == ArrivalProcess.Uniform ? (double)k / n : random.NextDouble();
                offsets[next + k] = second + within;
            }

            if (process == ArrivalProcess.Poisson)
            {
                Array.Sort(offsets, next, n);
            }

            next += n;
        }

        return offsets;
    }

    /// <summary>Whole requests per second after scaling, carrying fractions forward.</summary>
    public static int[] CountsPerSecond(IReadOnlyList<double> rates, double scale)
    {
        var counts = new int[rates.Count];
        double cumulative = 0;
        long emitted = 0;
        for (var i = 0; i < rates.Count; i++)
        {
            cumulative += rates[i] * scale;
            // The epsilon keeps 0.1 × 10 from landing at 0.9999… and losing a request.
            var target = (long)Math.Floor(cumulative + 1e-9);
            counts[i] = (int)(target - emitted);
            emitted = target;
        }

        return counts;
    }
}
