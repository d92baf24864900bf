using System.Text.Json;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>summary.json (camelCase: <c>p50Ms</c>, <c>p99Ms</c>, <c>over500ms</c>, <c>withinObjectivePercent</c>, <c>coreSeconds</c>, <c>scaleEvents</c>, …) and the console lines.</summary>
public static class SummaryWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(SimulationSummary summary, string path) => File.WriteAllText(path, JsonSerializer.Serialize(summary, Json));

    public static string Line(SimulationSummary s) =>
        $"{s.Workload,-10} {s.Policy,-6} p50 {s.P50Ms,7:0.0} ms  p99 {s.P99Ms,8:0.0} ms  >500ms {s.Over500ms,5}  "
        + $"within {s.P99TargetMs:0} ms {s.WithinObjectivePercent,6:0.00} %  core-s {s.CoreSeconds,7:0}  scale events {s.ScaleEvents,3}  requests {s.Requests}";

    /// <summary>A markdown table of several runs.</summary>
    public static string Table(IEnumerable<SimulationSummary> summaries) =>
        "| workload | policy | p50 ms | p99 ms | > 500 ms | within objective | core-seconds | scale events |\n|---|---|---:|---:|---:|---:|---:|---:|\n" +
        string.Concat(summaries.Select(s =>
            $"| {s.Workload} | {s.Policy} | {s.P50Ms:0.0} | {s.P99Ms:0.0} | {s.Over500ms} | {s.WithinObjectivePercent:0.00} % | {s.CoreSeconds:0} | {s.ScaleEvents} |\n"));
}
