namespace OrleansServe.Gateway.Traffic;

/// <summary>The schedule of a test-traffic run: for each request, when to send it (ms from the start), which model and how many tokens.</summary>
public static class TrafficPlan
{
    public static readonly string[] Models = ["A", "B", "C", "D"];

    public static bool TryParse(string name, out TrafficPattern pattern)
    {
        (var ok, pattern) = name.ToLowerInvariant() switch
        {
            "high-a" => (true, TrafficPattern.HighA),
            "equal" => (true, TrafficPattern.Equal),
            "burst" => (true, TrafficPattern.Burst),
            _ => (false, TrafficPattern.Equal),
        };
        return ok;
    }

    public static IReadOnlyList<(double AtMs, string Model, int Tokens)> Build(TrafficPattern pattern, int requests, double rate, int seed)
    {
        var random = new Random(seed);
        var plan = new List<(double, string, int)>(requests);
        var at = 0.0;
        var burstLeft = 0;
        for (var i = 0; i < requests; i++)
        {
            var model = pattern switch
            {
                TrafficPattern.HighA => random.NextDouble() < 0.7 ? "A" : Models[1 + random.Next(3)],
                _ => Models[random.Next(4)],
            };
            if (pattern == TrafficPattern.Burst)
            {
                if (burstLeft == 0)
                {
                    burstLeft = Math.Max(1, (int)(rate * (0.5 + 1.5 * random.NextDouble())));
                    // The pause before a burst keeps the long-run average at the rate: a burst of n takes n/(5·rate) s and owes n/rate s.
                    at += i == 0 ? 0 : burstLeft * 0.8 / rate * 1000;
                }
                at += 1000 / (5 * rate);
                burstLeft--;
            }
            else
            {
                at = i * 1000 / rate;
            }
            plan.Add((at, model, 16 + random.Next(241)));
        }
        return plan;
    }
}
