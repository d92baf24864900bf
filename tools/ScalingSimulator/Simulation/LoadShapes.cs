using System.Globalization;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// Load shapes the slo policy was not tuned on (issue #20), one rate per second, generated deterministically
/// (<c>shapes --out workloads</c>). One replica serves about 50 req/s at the default 20 ms per request.
/// </summary>
public static class LoadShapes
{
    public const string Usage = "usage: shapes --out DIR [--seed 1]   (writes sawtooth.txt, flash-crowd.txt, diurnal.txt, staircase-down.txt, noisy-flat.txt)";

    /// <summary>The shapes by file name (without .txt).</summary>
    public static IReadOnlyDictionary<string, double[]> All(int seed) => new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        // 5 teeth of 60 s: 5 → 80 req/s linearly, then straight back to 5.
        ["sawtooth"] = Seconds(300, t => 5 + (75.0 * (t % 60) / 59)),

        // 90 s at 12 req/s, a jump to 75 (6×) for 60 s, then an exponential decay (30 s) back towards 12; 300 s.
        ["flash-crowd"] = Seconds(300, t => t < 90 ? 12 : t < 150 ? 75 : 12 + (63 * Math.Exp(-(t - 150) / 30.0))),

        // One slow wave of 600 s: 8 → 90 → 8 req/s (a day compressed to ten minutes).
        ["diurnal"] = Seconds(600, t => 8 + (82 * (1 - Math.Cos(2 * Math.PI * t / 600)) / 2)),

        // 30 s ramp 10 → 110, then steps of 50 s down: 110, 90, 70, 50, 30, 10.
        ["staircase-down"] = Seconds(330, t => t < 30 ? 10 + (100.0 * t / 30) : 110 - (20 * ((t - 30) / 50))),

        // 300 s around 42 req/s (84 % of one replica), Gaussian noise of sd 6 each second.
        ["noisy-flat"] = Noisy(300, 42, 6, seed),
    };

    public static int Run(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var outIndex = Array.IndexOf(args, "--out");
        var seedIndex = Array.IndexOf(args, "--seed");
        if (outIndex < 0 || outIndex + 1 >= args.Length || (seedIndex >= 0 && seedIndex + 1 >= args.Length))
        {
            output.WriteLine(Usage);
            return 2;
        }

        var seed = seedIndex >= 0 ? int.Parse(args[seedIndex + 1], CultureInfo.InvariantCulture) : 1;
        Directory.CreateDirectory(args[outIndex + 1]);
        foreach (var (name, rates) in All(seed))
        {
            var path = Path.Combine(args[outIndex + 1], name + ".txt");
            File.WriteAllText(path, string.Join(' ', rates.Select(r => r.ToString("0.#", CultureInfo.InvariantCulture))) + "\n");
            output.WriteLine($"{path}: {rates.Length} s, mean {rates.Average():0.0} req/s, peak {rates.Max():0.0}");
        }
        return 0;
    }

    private static double[] Seconds(int count, Func<int, double> rate) => Enumerable.Range(0, count).Select(t => Math.Round(rate(t), 1)).ToArray();

    private static double[] Noisy(int count, double mean, double sd, int seed)
    {
        var random = new Random(seed);
        return Seconds(count, _ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, mean + (sd * normal));
        });
    }
}
