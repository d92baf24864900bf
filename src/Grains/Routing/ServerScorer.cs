namespace OrleansServe.Grains.Routing;

/// <summary>
/// Scores servers for a batch and picks one by power of two choices.
/// <para>
/// score = max(reported expected wait less the time since the report, this silo's requests in flight there × per-request time ÷ workers)
///       + the batch's own time (batch size × per-request time ÷ workers),
/// where per-request time is the server's EWMA for the model, or, before it has one, the fastest the other servers
/// measured (<see cref="DefaultServiceMs"/> when none has): a fixed default slower than the others' measurements left a
/// server that had just loaded the model without traffic, so never measured, while the others were lightly loaded.
/// The report (up to a second old) sees every caller's work; the in-flight count sees only this silo's, but now. The
/// larger of the two is the wait: their sum counted this silo's queued requests twice, so a server that had reported
/// a queue looked busy until its next report, however fast it drained, and the router sent nearly everything to the
/// other one, second by second in turn (seen on the real spike run).
/// Servers whose score exceeds the request's remaining time are skipped while another can meet it.
/// Two random candidates are compared and the lower score wins: the least-loaded of two avoids the herd that
/// "always least loaded" causes on a view that is up to one report old.
/// </para>
/// </summary>
internal static class ServerScorer
{
    public const double DefaultServiceMs = 20;

    /// <summary>Added to the score of a server whose silo just failed a call: avoided while a reasonable choice exists, not banned.</summary>
    public const double SuspectPenaltyMs = 2000;

    public static double Score(ServerLoadReport report, string model, int batchSize, int outstanding, DateTime nowUtc, double unmeasuredMs = DefaultServiceMs)
    {
        var perRequest = MeasuredMs(report, model) ?? unmeasuredMs;
        var workers = Math.Max(1, report.Workers);
        var age = Math.Max(0, (nowUtc - report.TimestampUtc).TotalMilliseconds);
        var reported = Math.Max(0, report.ExpectedWaitMs - age);
        return Math.Max(reported, outstanding * perRequest / workers) + batchSize * perRequest / workers;
    }

    /// <summary>The server's measured per-request time for the model, if it has one.</summary>
    public static double? MeasuredMs(ServerLoadReport report, string model) =>
        report.PerModel.TryGetValue(model, out var stats) && stats.EwmaMs > 0 ? stats.EwmaMs : null;

    /// <summary>Picks among scored candidates: first those that meet the deadline, then by two random choices.</summary>
    public static T? Pick<T>(IReadOnlyList<(T Candidate, double Score)> scored, double remainingMs, Random random) where T : class
    {
        if (scored.Count == 0)
        {
            return null;
        }

        var inTime = scored.Where(s => s.Score <= remainingMs).ToList();
        var pool = inTime.Count > 0 ? inTime : scored;
        if (pool.Count == 1)
        {
            return pool[0].Candidate;
        }

        var a = random.Next(pool.Count);
        var b = random.Next(pool.Count - 1);
        if (b >= a)
        {
            b++;
        }

        return pool[a].Score <= pool[b].Score ? pool[a].Candidate : pool[b].Candidate;
    }
}
