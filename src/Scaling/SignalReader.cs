namespace OrleansServe.Scaling;

/// <summary>
/// Turns registry reports into <see cref="ScalingSignals"/>. The arrival rate is what was served in the last report
/// period plus the growth of the queue since the previous poll (served work alone under-counts a saturated cluster);
/// CPU is the busy share of the replicas' capacity: each silo's busy cores over the cores its servers' workers can
/// use (their workers, at most its cores). Queue and arrivals add each server's own lane once. The observed p99 is
/// the highest p99 a server reported for a model it served in the last report period (time on the server, over its
/// last <see cref="ModelStats.RecentRequests"/> requests). Reports carry no service-time variance yet, so the policy
/// assumes one (<c>Scaling:Slo:DefaultServiceScv</c>).
/// </summary>
public sealed class SignalReader(double defaultServiceMs = 20)
{
    private double? _lastQueue;
    private DateTime _lastAt;
    private double _serviceMs = defaultServiceMs;

    public ScalingSignals Read(ClusterLoad load, int startingReplicas, double startupSeconds, DateTime now)
    {
        var served = 0.0;
        var weightedMs = 0.0;
        var observedP99 = 0.0;
        foreach (var report in load.Active)
        {
            foreach (var stats in report.PerModel.Values)
            {
                served += stats.Requests;
                weightedMs += stats.Requests * stats.EwmaMs;
                observedP99 = stats.Requests > 0 ? Math.Max(observedP99, stats.P99Ms) : observedP99;
            }
        }
        if (served > 0 && weightedMs > 0)
        {
            _serviceMs = weightedMs / served;
        }

        var queue = load.Active.Sum(r => (double)r.QueueLength);
        var growth = _lastQueue is { } last && now > _lastAt ? (queue - last) / (now - _lastAt).TotalSeconds : 0;
        _lastQueue = queue;
        _lastAt = now;

        var replicas = load.Active.Count;
        var busyCores = load.BySilo.Sum(silo => silo.First().CpuPercent / 100 * silo.First().Cores);
        var capacity = load.BySilo.Sum(silo => Math.Min(silo.First().Cores, silo.Sum(r => Math.Max(1, r.Workers))));
        var cpu = capacity == 0 ? 0 : Math.Clamp(busyCores / capacity * 100, 0, 100);
        return new ScalingSignals(Math.Max(0, served + growth), _serviceMs, queue, cpu, replicas, startingReplicas, startupSeconds,
            ObservedP99Ms: observedP99);
    }
}
