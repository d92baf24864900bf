using System.Text;
using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Writes <c>report.html</c>: the headline figures, the tables, and the plots embedded.</summary>
public static class HtmlReport
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report for <paramref name="summary"/> with the given PNGs, in order.</summary>
    public static void Write(string path, RunSummary summary, IEnumerable<string> pngPaths)
    {
        var run = summary.Run;
        var sb = new StringBuilder(Html.Head($"Load test: {run.Workload}"));
        sb.Append($"<h1>Load test: {Html.Encode(run.Workload)}</h1>");
        sb.Append($"<p class=\"muted\">{Html.Encode(run.Url)} · style {Html.Encode(run.Style)} · {Html.Encode(run.Mode)} loop, " +
                  $"{Html.Encode(run.Arrivals)} arrivals · scale {run.Scale.ToString(CultureInfo.InvariantCulture)} · seed {run.Seed} · " +
                  $"started {run.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC</p>");
        sb.Append("<div class=\"big\">");
        Big(sb, "p50", Html.Ms(summary.P50Ms) + " ms");
        Big(sb, "p99", Html.Ms(summary.P99Ms) + " ms");
        Big(sb, "throughput", Html.Number(summary.Throughput) + " /s");
        Big(sb, "success", Html.Percent(summary.SuccessRate));
        if (summary.SloAttainment is { } slo)
        {
            Big(sb, $"within {summary.SloMs:0.#} ms", Html.Percent(slo));
        }

        sb.Append("</div><h2>Figures</h2>");
        sb.Append(Html.Table(["measure", "value"], Rows(summary)));
        if (summary.ErrorsByStatus.Count > 0)
        {
            sb.Append("<h2>Errors</h2>").Append(Html.Table(["status or cause", "requests"],
                summary.ErrorsByStatus.Select(e => (IReadOnlyList<string>)[e.Key, e.Value.ToString(CultureInfo.InvariantCulture)])));
        }

        if (summary.Timings is { } t)
        {
            sb.Append("<h2>Server queue vs inference</h2>").Append(Html.Table(["part", "mean ms", "p50 ms", "p99 ms"],
            [
                ["server queue", Html.Ms(t.MeanQueueMs), Html.Ms(t.P50QueueMs), Html.Ms(t.P99QueueMs)],
                ["inference", Html.Ms(t.MeanInferenceMs), Html.Ms(t.P50InferenceMs), Html.Ms(t.P99InferenceMs)],
                ["rest (network, gateway, client)", Html.Ms(t.MeanOtherMs), "", ""],
            ]));
            sb.Append($"<p class=\"muted\">From the <code>timings</code> of {t.Count} responses.</p>");
        }

        if (summary.Servers.Count > 0)
        {
            sb.Append("<h2>Servers</h2>").Append(Html.Table(["server", "2xx responses"],
                summary.Servers.Select(s => (IReadOnlyList<string>)[s.Key, s.Value.ToString(CultureInfo.InvariantCulture)])));
        }

        sb.Append("<h2>Plots</h2>");
        foreach (var png in pngPaths)
        {
            sb.Append(Html.Image(png, Path.GetFileNameWithoutExtension(png)));
        }

        sb.Append("<p class=\"muted\">Latency is timed from each request's scheduled send time (no coordinated omission) " +
                  "and covers every request, failed ones included. Data: <a href=\"requests.csv\">requests.csv</a>, " +
                  "<a href=\"summary.json\">summary.json</a>.</p></body></html>");
        File.WriteAllText(path, sb.ToString());
    }

    private static void Big(StringBuilder sb, string label, string value) =>
        sb.Append($"<div>{Html.Encode(label)}<b>{Html.Encode(value)}</b></div>");

    private static IEnumerable<IReadOnlyList<string>> Rows(RunSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        yield return ["requests sent", s.Count.ToString("#,0", c)];
        yield return ["offered rate", Html.Number(s.OfferedRate) + " /s"];
        yield return ["throughput (2xx)", Html.Number(s.Throughput) + " /s"];
        yield return ["elapsed", Html.Number(s.ElapsedS) + " s"];
        yield return ["success rate", Html.Percent(s.SuccessRate)];
        yield return ["mean / p50 / p90", $"{Html.Ms(s.MeanMs)} / {Html.Ms(s.P50Ms)} / {Html.Ms(s.P90Ms)} ms"];
        yield return ["p95 / p99 / p99.9 / max", $"{Html.Ms(s.P95Ms)} / {Html.Ms(s.P99Ms)} / {Html.Ms(s.P999Ms)} / {Html.Ms(s.MaxMs)} ms"];
        yield return [$"late sends (> {s.LateSendThresholdMs:0.#} ms)", s.LateSends.ToString("#,0", c)];
        yield return ["largest send lag", Html.Ms(s.MaxSendLagMs) + " ms"];
        if (s.SloMs is { } slo)
        {
            yield return [$"SLO attainment (2xx within {slo:0.#} ms)", Html.Percent(s.SloAttainment)];
        }

        if (s.Cluster is { } cluster)
        {
            yield return ["cluster core-seconds", Html.Number(cluster.CoreSeconds)];
            yield return ["core-seconds per 1 000 requests", cluster.CoreSecondsPer1000Requests is { } per ? Html.Number(per) : "–"];
        }
    }
}
