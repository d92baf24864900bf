using System.Globalization;

namespace OrleansServe.GatewayBench;

/// <summary>Command-line settings; <see cref="Usage"/> lists them.</summary>
public sealed record BenchSettings(
    int Seconds, int Connections, int WrkConnections, int WarmupSeconds, int TinyRounds, IReadOnlySet<string> Parts,
    int StepSeconds, double TinyRate, int QueueWaitMs, string Png, string? Gateway, bool Help)
{
    public static readonly string[] AllParts = ["tail", "curve", "tiny", "grpc"];

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/GatewayBench [-- options]

        Starts the gateway (embedded silo, one model server) and prints each goal with its figure, ratio and PASS/MISS.
        Parts (all by default):
          tail   raw ONNX Runtime ResNet18, then the gateway at N connections, closed loop: images/s ÷ raw (≥ 0.85)
                 and p99 ÷ mean latency (≤ 1.5)
          curve  open loop at 10 %, 20 % … 100 % and 120 % of the closed-loop capacity: p50/p99 per step beside the
                 single-request latency (p99 ≤ 3 × single up to 80 %), admitted p99 and 429/503 sheds at 120 %;
                 a table and a PNG
          tiny   wrk on POST /v2/models/echo/infer vs a constant Kestrel endpoint, alternating rounds (≥ 0.5 ×),
                 and the added p50/p99 over that endpoint at a fixed open-loop rate (≤ 1 ms, ≤ 3 ms)
          grpc   ResNet18 over gRPC beside REST: the same closed loop (images/s; p99 ≤ 1.5 × mean, as in tail), then
                 each in an open loop at half REST's rate (p50/p99); the tiny path over gRPC vs REST from the same C#
                 generator (wrk speaks no gRPC) at --wrk-connections callers, alternating rounds; figures reported
        Options:
          --only PARTS          comma-separated parts to run, e.g. --only tail or --only curve,tiny,grpc
          --seconds N           seconds per figure (10)
          --warmup N            seconds of warm-up before the image, wrk and gRPC figures (15)
          --connections N       closed-loop image connections, REST and gRPC (8)
          --step-seconds N      seconds per curve step, at least 10 × N requests a step; the 120 % step 3 × (10)
          --png PATH            where the curve is drawn (gatewaybench-curve.png in the current folder)
          --queue-wait-ms N     the gateway's Engine:MaxQueueWaitMs, its admission control (2000; 0 = off)
          --wrk-connections N   wrk connections for the tiny path, C# callers for its gRPC/REST figure (64)
          --tiny-rounds N       alternating rounds of the tiny-path figures, also over gRPC (3)
          --tiny-rate N         open-loop requests/s for the tiny path's added latency (2000)
          --gateway PATH        another build's OrleansServe.Gateway.dll (A/B comparisons); default: the one built beside;
                                the grpc part needs one that serves Gateway:GrpcPort
          --help                this text
        Needs wrk for the tiny path's throughput (apt-get install -y wrk).
        """;

    public bool Runs(string part) => Parts.Contains(part);

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Seconds: 10, Connections: 8, WrkConnections: 64, WarmupSeconds: 15, TinyRounds: 3,
            Parts: AllParts.ToHashSet(), StepSeconds: 10, TinyRate: 2000, QueueWaitMs: 2000, Png: "gatewaybench-curve.png", Gateway: null, Help: false);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                settings = settings with { Help = true };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {args[i]} needs a value (see --help).");
            }
            var text = args[++i];
            int Number() => int.Parse(text, CultureInfo.InvariantCulture);
            settings = args[i - 1] switch
            {
                "--seconds" => settings with { Seconds = Number() },
                "--connections" => settings with { Connections = Number() },
                "--wrk-connections" => settings with { WrkConnections = Number() },
                "--warmup" => settings with { WarmupSeconds = Number() },
                "--tiny-rounds" => settings with { TinyRounds = Math.Max(1, Number()) },
                "--tiny-rate" => settings with { TinyRate = Number() },
                "--step-seconds" => settings with { StepSeconds = Math.Max(1, Number()) },
                "--queue-wait-ms" => settings with { QueueWaitMs = Number() },
                "--png" => settings with { Png = text },
                "--gateway" => settings with { Gateway = Path.GetFullPath(text) },
                "--only" => settings with { Parts = ParseParts(text) },
                _ => throw new ArgumentException($"Unknown option {args[i - 1]} (see --help)."),
            };
        }
        return settings;
    }

    private static HashSet<string> ParseParts(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = parts.Except(AllParts).ToList();
        return unknown.Count == 0 && parts.Count > 0 ? parts
            : throw new ArgumentException($"--only takes {string.Join(", ", AllParts)}; not '{text}'.");
    }
}
