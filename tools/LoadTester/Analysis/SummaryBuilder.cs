using OrleansServe.LoadTester.Running;

namespace OrleansServe.LoadTester.Analysis;

/// <summary>Computes a <see cref="RunSummary"/> from the records of a run.</summary>
public static class SummaryBuilder
{
    private static readonly double[] QuantileShares =
        [.. Enumerable.Range(0, 100).Select(i => i / 100.0), 0.995, 0.999, 0.9999, 1.0];

    /// <summary>Summarises <paramref name="records"/> of the run described by <paramref name="info"/>.</summary>
    public static RunSummary Build(IReadOnlyList<RequestRecord> records, RunInfo info)
    {
        var latencies = records.Select(r => r.LatencyMs).Order().ToArray();
        var ok = records.Count(r => r.IsSuccess);
        var lastEndS = records.Count == 0 ? 0 : records.Max(r => r.CompletedMs) / 1000;
        var elapsedS = Math.Max(info.DurationS, lastEndS);
        var withinSlo = info.SloMs is { } slo ? records.Count(r => r.IsSuccess && r.LatencyMs <= slo) : 0;

        return new RunSummary
        {
            Run = info,
            Count = records.Count,
            OfferedRate = info.DurationS > 0 ? info.Scheduled / info.DurationS : 0,
            Throughput = elapsedS > 0 ? ok / elapsedS : 0,
            AchievedRate = elapsedS > 0 ? records.Count / elapsedS : 0,
            ElapsedS = elapsedS,
            SuccessRate = records.Count > 0 ? (double)ok / records.Count : 0,
            ErrorsByStatus = records.Where(r => !r.IsSuccess)
                .GroupBy(ErrorKey).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            MeanMs = latencies.Length > 0 ? latencies.Average() : null,
            P50Ms = Percentiles.OrNull(latencies, 0.50),
            P90Ms = Percentiles.OrNull(latencies, 0.90),
            P95Ms = Percentiles.OrNull(latencies, 0.95),
            P99Ms = Percentiles.OrNull(latencies, 0.99),
            P999Ms = Percentiles.OrNull(latencies, 0.999),
            MaxMs = latencies.Length > 0 ? latencies[^1] : null,
            LateSends = records.Count(r => r.SentMs - r.ScheduledMs > info.LateThresholdMs),
            LateSendThresholdMs = info.LateThresholdMs,
            MaxSendLagMs = records.Count > 0 ? Math.Max(0, records.Max(r => r.SentMs - r.ScheduledMs)) : 0,
            SloMs = info.SloMs,
            SloAttainment = info.SloMs is null ? null : records.Count > 0 ? (double)withinSlo / records.Count : 0,
            Servers = records.Where(r => r.IsSuccess && r.Server is not null)
                .GroupBy(r => r.Server!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Timings = Timings(records),
            Cluster = info.Cluster,
            PerSecond = PerSecond(records, info, (int)Math.Ceiling(elapsedS)),
            LatencyQuantiles = latencies.Length == 0 ? []
                : QuantileShares.Select(p => new QuantilePoint(p, p == 0 ? latencies[0] : Percentiles.NearestRank(latencies, p))).ToArray(),
        };
    }

    /// <summary>The <c>errorsByStatus</c> key of a failed request.</summary>
    public static string ErrorKey(RequestRecord r) =>
        r.Status != 0 ? r.Status.ToString(CultureInfo.InvariantCulture) : r.Error ?? "transport";

    private static TimingSplit? Timings(IReadOnlyList<RequestRecord> records)
    {
        var timed = records.Where(r => r.IsSuccess && double.IsFinite(r.QueueMs) && double.IsFinite(r.InferenceMs)).ToArray();
        if (timed.Length == 0)
        {
            return null;
        }

        var queue = timed.Select(r => r.QueueMs).Order().ToArray();
        var inference = timed.Select(r => r.InferenceMs).Order().ToArray();
        return new TimingSplit
        {
            Count = timed.Length,
            MeanQueueMs = queue.Average(),
            P50QueueMs = Percentiles.NearestRank(queue, 0.5),
            P99QueueMs = Percentiles.NearestRank(queue, 0.99),
            MeanInferenceMs = inference.Average(),
            P50InferenceMs = Percentiles.NearestRank(inference, 0.5),
            P99InferenceMs = Percentiles.NearestRank(inference, 0.99),
            MeanOtherMs = timed.Average(r => r.LatencyMs - r.QueueMs - r.InferenceMs),
        };
    }

    private static SecondStats[] PerSecond(IReadOnlyList<RequestRecord> records, RunInfo info, int seconds)
    {
        seconds = Math.Max(seconds, info.OfferedPerSecond?.Count ?? 0);
        var scheduled = new List<RequestRecord>[seconds];
        var achieved = new int[seconds];
        var ok = new int[seconds];
        foreach (var r in records)
        {
            var s = Math.Clamp((int)(r.ScheduledMs / 1000), 0, seconds - 1);
            (scheduled[s] ??= []).Add(r);
            var end = Math.Clamp((int)(r.CompletedMs / 1000), 0, seconds - 1);
            achieved[end]++;
            ok[end] += r.IsSuccess ? 1 : 0;
        }

        return Enumerable.Range(0, seconds).Select(s =>
        {
            var group = scheduled[s] ?? [];
            var lat = group.Select(r => r.LatencyMs).Order().ToArray();
            var timed = group.Where(r => r.IsSuccess && double.IsFinite(r.QueueMs) && double.IsFinite(r.InferenceMs)).ToArray();
            return new SecondStats
            {
                Second = s,
                Offered = info.OfferedPerSecond is { } offered ? (s < offered.Count ? offered[s] : 0) : group.Count,
                Achieved = achieved[s],
                Ok = ok[s],
                Errors = group.Count(r => !r.IsSuccess),
                P50Ms = Percentiles.OrNull(lat, 0.5),
                P90Ms = Percentiles.OrNull(lat, 0.9),
                P99Ms = Percentiles.OrNull(lat, 0.99),
                MaxMs = lat.Length > 0 ? lat[^1] : null,
                SloAttainment = info.SloMs is { } slo && group.Count > 0
                    ? (double)group.Count(r => r.IsSuccess && r.LatencyMs <= slo) / group.Count : null,
                QueueMs = timed.Length > 0 ? timed.Average(r => r.QueueMs) : null,
                InferenceMs = timed.Length > 0 ? timed.Average(r => r.InferenceMs) : null,
            };
        }).ToArray();
    }
}
