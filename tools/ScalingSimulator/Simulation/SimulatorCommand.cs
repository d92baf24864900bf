using System.Globalization;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// The command line: <c>--workload FILE --policy hpa70|hpa90|queue|slo|all|a,b --out DIR</c> and the physics options.
/// One policy writes <c>DIR/summary.json</c> and <c>DIR/{policy}.png</c>; several write each into <c>DIR/{policy}/</c>
/// plus <c>DIR/summary.json</c> (an array), <c>DIR/comparison.png</c> and <c>DIR/comparison.md</c>.
/// The load tester's <c>simulate</c> verb can hand its arguments straight to <see cref="Run"/>.
/// </summary>
public static class SimulatorCommand
{
    public const string Usage = """
        usage: simulate --workload FILE --policy hpa70|hpa90|queue|slo|all|p1,p2 --out DIR
                        [--seed 1] [--startup-s 8] [--service-mean-ms 20] [--service-cv 0.15] [--service-samples FILE]
                        [--min 1] [--max 6] [--poll-s 1] [--p99-target-ms 500] [--forecast] [--slo-utilization 0 (= derive; >0 fixed)]
                        [--slo-share 0.5] [--slo-correct 1] [--slo-down-s 0 (= 2 x startup)]
                        [--warm 0] [--warm-start-s 0.5] [--scale 1] [--signal-delay-s 0] [--signal-window-s (the policy's period)] [--first-poll-s 1]
                        [--from-run DIR (a real run's requests.csv or .csv.gz: its inference times as the service times, and
                                         its latency outside the server added to each request)]
        """;

    public static readonly string[] AllPolicies = ["hpa70", "hpa90", "queue", "slo"];

    public static int Run(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        Dictionary<string, string?> options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            output.WriteLine(ex.Message);
            output.WriteLine(Usage);
            return 2;
        }
        if (!options.TryGetValue("workload", out var workload) || workload is null || !options.TryGetValue("out", out var outDir) || outDir is null)
        {
            output.WriteLine(Usage);
            return 2;
        }

        var policyArg = options.GetValueOrDefault("policy") ?? "all";
        var policies = policyArg == "all" ? AllPolicies : policyArg.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fromRun = options.GetValueOrDefault("from-run") is { } run
            ? ServiceTimeDistribution.RunRequestsFile(run) ?? throw new FileNotFoundException($"{run} has no requests.csv or requests.csv.gz.")
            : null;
        var service = fromRun is not null ? ServiceTimeDistribution.FromRun(fromRun, outsideServer: false)
            : options.GetValueOrDefault("service-samples") is { } samples ? ServiceTimeDistribution.FromSamples(samples)
            : ServiceTimeDistribution.LogNormal(Number(options, "service-mean-ms", 20), Number(options, "service-cv", 0.15));
        var scale = Number(options, "scale", 1);
        var baseSettings = new SimulationSettings
        {
            Workload = WorkloadFile.Read(workload).Select(rate => rate * scale).ToList(),
            OutsideServer = fromRun is null ? null : ServiceTimeDistribution.FromRun(fromRun, outsideServer: true),
            SignalDelaySeconds = Number(options, "signal-delay-s", 0),
            FirstPollSeconds = options.ContainsKey("first-poll-s") ? Number(options, "first-poll-s", 1) : null,
            SignalWindowSeconds = options.ContainsKey("signal-window-s") ? Number(options, "signal-window-s", 1) : null,
            Policy = policies[0],
            ServiceTime = service,
            Seed = (int)Number(options, "seed", 1),
            StartupSeconds = Number(options, "startup-s", 8),
            WarmSilos = (int)Number(options, "warm", 0),
            WarmStartSeconds = Number(options, "warm-start-s", 0.5),
            MinReplicas = (int)Number(options, "min", 1),
            MaxReplicas = (int)Number(options, "max", 6),
            PollSeconds = Number(options, "poll-s", 1),
            P99TargetMs = Number(options, "p99-target-ms", 500),
            Forecast = options.ContainsKey("forecast"),
        };
        if (options.ContainsKey("slo-utilization") || options.ContainsKey("slo-down-s") || options.ContainsKey("slo-share") || options.ContainsKey("slo-correct"))
        {
            var defaults = new Scaling.Policies.SloOptions();
            baseSettings = baseSettings with
            {
                Slo = new Scaling.Policies.SloOptions
                {
                    Forecast = baseSettings.Forecast,
                    TargetUtilization = Number(options, "slo-utilization", defaults.TargetUtilization),
                    DownStabilizationSeconds = Number(options, "slo-down-s", defaults.DownStabilizationSeconds),
                    CorrectFromObserved = Number(options, "slo-correct", 1) != 0,
                    ObjectiveShare = Number(options, "slo-share", defaults.ObjectiveShare),
                    ScaleInShare = Number(options, "slo-share", defaults.ObjectiveShare) * defaults.ScaleInShare / defaults.ObjectiveShare,
                },
            };
        }

        var name = Path.GetFileNameWithoutExtension(workload);
        Directory.CreateDirectory(outDir);
        var results = new List<SimulationResult>();
        foreach (var policy in policies)
        {
            var result = Simulator.Run(baseSettings with { Policy = policy }, name);
            results.Add(result);
            var dir = policies.Length == 1 ? outDir : Path.Combine(outDir, policy);
            Directory.CreateDirectory(dir);
            SummaryWriter.Write(result.Summary, Path.Combine(dir, "summary.json"));
            PlotWriter.WriteRun(result, Path.Combine(dir, $"{policy}.png"));
            DecisionLog.Write(result.Decisions, new SimulatedClock().GetUtcNow().UtcDateTime, Path.Combine(dir, "decisions.csv"));
            output.WriteLine(SummaryWriter.Line(result.Summary));
        }
        if (results.Count > 1)
        {
            File.WriteAllText(Path.Combine(outDir, "summary.json"), System.Text.Json.JsonSerializer.Serialize(results.Select(r => r.Summary), SummaryWriter.Json));
            File.WriteAllText(Path.Combine(outDir, "comparison.md"), SummaryWriter.Table(results.Select(r => r.Summary)));
            PlotWriter.WriteComparison(results, Path.Combine(outDir, "comparison.png"));
        }
        return 0;
    }

    private static Dictionary<string, string?> Parse(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var key = args[i][2..];
            if (key == "forecast")
            {
                options[key] = null;
            }
            else if (i + 1 < args.Length)
            {
                options[key] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{key} needs a value.");
            }
        }
        return options;
    }

    private static double Number(Dictionary<string, string?> options, string key, double fallback) =>
        options.TryGetValue(key, out var v) && v is not null ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
}
