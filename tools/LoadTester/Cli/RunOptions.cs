using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Scheduling;

namespace OrleansServe.LoadTester.Cli;

/// <summary>The settings of <c>run</c>, after parsing and range checks.</summary>
public sealed record RunOptions
{
    /// <summary>Gateway base URL. Required.</summary>
    public required string Url { get; init; }

    /// <summary>Workload file (<c>--workload</c>); also the file behind the course presets when given.</summary>
    public string? WorkloadFile { get; init; }

    /// <summary>Named shape (<c>--preset</c>).</summary>
    public string? Preset { get; init; }

    /// <summary>Image folder; the default is <c>../shared/images/imagenet-samples</c> when it exists, else the repository's <c>tests/images</c>.</summary>
    public string? ImagesDir { get; init; }

    /// <summary>Rate multiplier. The default is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Length in seconds: with <see cref="Rate"/> a constant run; otherwise cuts or repeats the workload.</summary>
    public int? DurationS { get; init; }

    /// <summary>Constant rate in requests per second (needs <see cref="DurationS"/>).</summary>
    public double? Rate { get; init; }

    /// <summary>Closed loop with this many workers instead of scheduled arrivals.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Arrival process. The default is Poisson.</summary>
    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.Poisson;

    /// <summary>Endpoint shape. The default is v2.</summary>
    public RequestStyle Style { get; init; } = RequestStyle.V2;

    /// <summary>Model mix; the default is <c>--model</c> (resnet18) alone; for tokens A=70,B=10,C=10,D=10.</summary>
    public required ModelMix Mix { get; init; }

    /// <summary>Token counts for <c>--style tokens</c>. The default is 50-400.</summary>
    public TokenRange Tokens { get; init; } = new(50, 400);

    /// <summary>Latency objective in ms, for SLO attainment.</summary>
    public double? SloMs { get; init; }

    /// <summary>Output folder. The default is <c>loadtest-runs/&lt;UTC time&gt;</c>.</summary>
    public required string OutDir { get; init; }

    /// <summary>Seed of the schedule and choices. The default is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Non-loopback hosts the run may target.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Per-request timeout. The default is 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connection pool size. The default is 2048.</summary>
    public int MaxConnections { get; init; } = 2048;

    /// <summary>Send lag above which a send counts as late. The default is 5 ms.</summary>
    public double LateThresholdMs { get; init; } = 5;

    /// <summary>Show the live progress line (off anyway when output is redirected). The default is true.</summary>
    public bool Progress { get; init; } = true;
}
