namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>Poisson arrivals at each second's rate, each with a service time (and a latency outside the server): the same list for every policy given a seed.</summary>
internal static class DemandGenerator
{
    public static List<SimulatedRequest> Generate(IReadOnlyList<double> perSecond, ServiceTimeDistribution service, int seed, ServiceTimeDistribution? outside = null)
    {
        var arrivals = new Random(seed);
        var services = new Random(unchecked(seed * 7919) + 1);
        var outsides = new Random(unchecked(seed * 104729) + 3);
        var requests = new List<SimulatedRequest>();
        for (var second = 0; second < perSecond.Count; second++)
        {
            var rate = perSecond[second];
            if (rate <= 0)
            {
                continue;
            }

            var t = second + Exponential(arrivals, rate);
            while (t < second + 1)
            {
                requests.Add(new SimulatedRequest(t, service.Sample(services, t) / 1000, (outside?.Sample(outsides, t) ?? 0) / 1000));
                t += Exponential(arrivals, rate);
            }
        }
        return requests;
    }

    private static double Exponential(Random random, double rate) => -Math.Log(1.0 - random.NextDouble()) / rate;
}
