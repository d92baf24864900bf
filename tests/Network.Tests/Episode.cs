using System.Diagnostics;

namespace OrleansServe.Network.Tests;

/// <summary>
/// One fault under load: what the load generator saw and when the victim left routing. <see cref="Summary"/> is the
/// line each scenario prints.
/// </summary>
public sealed class Episode(string scenario, IReadOnlyList<Outcome> outcomes, DateTime faultUtc, DateTime healUtc)
{
    public IReadOnlyList<Outcome> Outcomes { get; } = outcomes;

    public DateTime FaultUtc => faultUtc;

    /// <summary>From the fault until the gateway's view no longer routed to the victim; null if it never left.</summary>
    public TimeSpan? OutOfRouting { get; set; }

    /// <summary>From the heal (or restart) until a fresh request was answered by the victim's host again.</summary>
    public TimeSpan? BackServing { get; set; }

    /// <summary>What the victim did after the heal: rejoined, stopped itself, …</summary>
    public string VictimAfterHeal { get; set; } = "-";

    public int Answered2xx => Outcomes.Count(o => o.Status is >= 200 and < 300);

    public IEnumerable<Outcome> Failed => Outcomes.Where(o => o.Status is < 200 or >= 300);

    /// <summary>Requests sent from the fault until 5 s after the heal.</summary>
    public IReadOnlyList<Outcome> DuringEpisode => [.. Outcomes.Where(o => o.SentUtc >= faultUtc && o.SentUtc <= healUtc.AddSeconds(5))];

    public string Summary()
    {
        var during = DuringEpisode.Select(o => o.Latency.TotalMilliseconds).Order().ToList();
        var p99 = during.Count == 0 ? 0 : during[Math.Min(during.Count - 1, (int)Math.Ceiling(during.Count * 0.99) - 1)];
        var failed = Failed.GroupBy(o => o.Status == 0 ? o.Error ?? "none" : o.Status.ToString())
            .Select(g => $"{g.Key}: {g.Count()}").DefaultIfEmpty("none");
        return $"{scenario}: sent {Outcomes.Count}, answered 2xx {Answered2xx}, failed {{{string.Join(", ", failed)}}}, " +
            $"p99 during the episode {p99:0} ms (max {(during.Count == 0 ? 0 : during[^1]):0} ms, {during.Count} requests), " +
            $"victim out of routing after {Seconds(OutOfRouting)}, retried {Outcomes.Count(o => o.Retries > 0)}, " +
            $"after the heal: {VictimAfterHeal}, serving again after {Seconds(BackServing)}";
    }

    /// <summary>Statuses and the serving silos by 5-second slice of send time, from the fault: for reading a failure.</summary>
    public string Timeline() => string.Join("\n", Outcomes
        .GroupBy(o => (int)Math.Floor((o.SentUtc - faultUtc).TotalSeconds / 5) * 5)
        .OrderBy(g => g.Key)
        .Select(g => $"  fault{g.Key:+0;-0} s: " + string.Join(", ", g.GroupBy(o => $"{o.Status} {o.Silo}".Trim()).Select(s => $"{s.Key} ×{s.Count()}")) +
            $"; max {g.Max(o => o.Latency.TotalMilliseconds):0} ms"));

    /// <summary>
    /// Polls the gateway until it stops routing to <paramref name="silo"/>: its silo not active in the membership, or
    /// its server unhealthy or its circuit not closed in the server view. Returns the time from <paramref name="since"/>,
    /// or null. Each look is bounded (the view comes from the registry, which may live on the victim).
    /// </summary>
    public static async Task<TimeSpan?> OutOfRoutingAsync(NetnsCluster cluster, string silo, Stopwatch since, TimeSpan limit)
    {
        while (since.Elapsed < limit)
        {
            using var look = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                if (!(await cluster.MembersAsync(look.Token)).Any(m => m.Name == silo && m.Status == "Active")
                    || !(await cluster.ServersAsync(look.Token)).Any(s => s.Silo == silo && s.Healthy && s.Circuit == "Closed"))
                {
                    return since.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
            }
            await Task.Delay(100);
        }
        return null;
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:0.0} s" : "never";
}
