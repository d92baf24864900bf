namespace OrleansServe.Grains.LoadPredictor;

/// <summary>
/// Builds training rows from the token models' formulas: CPU % = the mix's CPU milliseconds over one second of
/// the silo's cores; memory % = the process plus each model in use over the machine's memory; latency = the
/// mix's mean service time stretched by queueing (÷ (1 − utilisation)). Noise keeps the regression honest.
/// </summary>
internal static class SyntheticLoad
{
    private const double ProcessMb = 300;

    public static List<LoadRow> Rows(IReadOnlyList<TokenModelCost> costs, int count, int cores, double totalMemoryMb, int seed)
    {
        var random = new Random(seed);
        var rows = new List<LoadRow>(count);
        for (var n = 0; n < count; n++)
        {
            var counts = new Dictionary<string, int>();
            var tokens = new Dictionary<string, int>();
            foreach (var cost in costs)
            {
                var requests = random.Next(0, 4) == 0 ? 0 : random.Next(0, 12);
                counts[cost.Name] = requests;
                tokens[cost.Name] = requests * random.Next(10, 400);
            }
            var row = Evaluate(costs, counts, tokens, cores, totalMemoryMb);
            row.Cpu = (float)Math.Clamp(row.Cpu + Gaussian(random, 1.0), 0, 100);
            row.LatencyMs = (float)Math.Max(0, row.LatencyMs * (1 + Gaussian(random, 0.03)));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The formula's load for one mix, without noise.</summary>
    public static LoadRow Evaluate(IReadOnlyList<TokenModelCost> costs, IReadOnlyDictionary<string, int> counts,
        IReadOnlyDictionary<string, int> tokens, int cores, double totalMemoryMb)
    {
        double cpuMs = 0, memoryMb = ProcessMb;
        var requests = 0;
        foreach (var cost in costs)
        {
            var c = counts.GetValueOrDefault(cost.Name);
            var t = tokens.GetValueOrDefault(cost.Name);
            cpuMs += (c * cost.BaseCpuMs) + (t * cost.CpuMsPerToken);
            memoryMb += c > 0 ? cost.MemoryMb : 0;
            requests += c;
        }
        var utilisation = Math.Min(0.95, cpuMs / (1000.0 * cores));
        var meanServiceMs = requests == 0 ? 0 : cpuMs / requests;
        return new LoadRow
        {
            Features = LoadRow.FeaturesOf(counts, tokens),
            Cpu = (float)Math.Min(100, cpuMs / (10.0 * cores)),
            Memory = (float)(memoryMb / totalMemoryMb * 100),
            LatencyMs = (float)(meanServiceMs / (1 - utilisation)),
        };
    }

    private static double Gaussian(Random random, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
