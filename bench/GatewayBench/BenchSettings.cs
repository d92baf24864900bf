using System.Globalization;

namespace OrleansServe.GatewayBench;

/// <summary>
/// Command-line settings: <c>--seconds N</c> per measurement, <c>--connections N</c> for images, <c>--wrk-connections N</c>,
/// <c>--warmup N</c> before each (15 s: with 3 s the tiered JIT had not finished and the tiny path read 15.7k instead of 20k req/s),
/// <c>--tiny-rounds N</c> alternations of the echo and constant endpoints (3).
/// </summary>
public sealed record BenchSettings(int Seconds, int Connections, int WrkConnections, int WarmupSeconds, int TinyRounds)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Seconds: 10, Connections: 8, WrkConnections: 64, WarmupSeconds: 15, TinyRounds: 3);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--seconds" => settings with { Seconds = value },
                "--connections" => settings with { Connections = value },
                "--wrk-connections" => settings with { WrkConnections = value },
                "--warmup" => settings with { WarmupSeconds = value },
                "--tiny-rounds" => settings with { TinyRounds = Math.Max(1, value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return settings;
    }
}
