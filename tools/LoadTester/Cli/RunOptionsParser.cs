using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Scheduling;
using OrleansServe.LoadTester.Workloads;

namespace OrleansServe.LoadTester.Cli;

/// <summary>Turns the arguments of <c>run</c> into <see cref="RunOptions"/>.</summary>
public static class RunOptionsParser
{
    /// <summary>Options of <c>run</c> that take a value.</summary>
    public static readonly string[] ValueOptions =
    [
        "workload", "images", "url", "scale", "duration", "rate", "concurrency", "arrivals", "style", "model", "mix",
        "tokens", "slo-ms", "out", "preset", "seed", "allow-host", "timeout-s", "max-connections", "late-ms",
    ];

    /// <summary>Flags of <c>run</c>.</summary>
    public static readonly string[] Flags = ["no-progress"];

    /// <summary>Parses and checks the options.</summary>
    /// <exception cref="UsageException">A missing, unknown or out-of-range option.</exception>
    public static RunOptions Parse(ParsedArgs args)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"run takes no positional arguments (got '{args.Positionals[0]}')");
        }

        var style = Enum<RequestStyle>(args, "style", RequestStyle.V2);
        var model = args.Get("model");
        var preset = args.Get("preset");
        if (preset is not null && !WorkloadPresets.Names.Contains(preset))
        {
            throw new UsageException($"--preset: '{preset}' is not one of {string.Join(", ", WorkloadPresets.Names)}");
        }

        try
        {
            return new RunOptions
            {
                Url = args.Get("url") ?? throw new UsageException("--url is required (e.g. --url http://127.0.0.1:5000)"),
                WorkloadFile = args.Get("workload"),
                Preset = preset,
                ImagesDir = args.Get("images"),
                Scale = args.GetDouble("scale", 1, min: 0)!.Value,
                DurationS = args.GetInt("duration", min: 1, max: 86_400),
                Rate = args.GetDouble("rate", min: 0),
                Concurrency = args.GetInt("concurrency", min: 1, max: 10_000),
                Arrivals = Enum<ArrivalProcess>(args, "arrivals", ArrivalProcess.Poisson),
                Style = style,
                Mix = args.Get("mix") is { } mix ? ModelMix.Parse(mix)
                    : style == RequestStyle.Tokens && model is null ? ModelMix.Parse("A=70,B=10,C=10,D=10")
                    : ModelMix.Single(model ?? "resnet18"),
                Tokens = args.Get("tokens") is { } tokens ? TokenRange.Parse(tokens) : new TokenRange(50, 400),
                SloMs = args.GetDouble("slo-ms", min: 0.001),
                OutDir = args.Get("out") ?? Path.Combine("loadtest-runs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
                Seed = args.GetInt("seed", 1)!.Value,
                AllowedHosts = args.GetAll("allow-host"),
                Timeout = TimeSpan.FromSeconds(args.GetDouble("timeout-s", 30, min: 0.1, max: 3600)!.Value),
                MaxConnections = args.GetInt("max-connections", 2048, min: 1, max: 100_000)!.Value,
                LateThresholdMs = args.GetDouble("late-ms", 5, min: 0)!.Value,
                Progress = !args.Has("no-progress"),
            };
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static T Enum<T>(ParsedArgs args, string name, T fallback) where T : struct, Enum
    {
        var text = args.Get(name);
        if (text is null)
        {
            return fallback;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0])
            ? value
            : throw new UsageException($"--{name}: '{text}' is not one of {string.Join("|", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }
}
