namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// The figures a run is judged by (written as summary.json). <see cref="WithinObjectivePercent"/> is the SLO
/// attainment: the share of requests whose latency was at most <see cref="P99TargetMs"/>.
/// </summary>
public sealed record SimulationSummary(
    string Policy,
    string Workload,
    int Requests,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    int Over500ms,
    double CoreSeconds,
    int ScaleEvents,
    double MeanReplicas,
    int PeakReplicas,
    double DurationSeconds,
    double StartupSeconds,
    string ServiceTime,
    double PollSeconds,
    int Seed,
    int WarmSilos,
    double P99TargetMs,
    double WithinObjectivePercent);
