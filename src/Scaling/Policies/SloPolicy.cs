namespace OrleansServe.Scaling.Policies;

/// <summary>
/// Our policy: enough replicas that (a) the arrival rate — measured, and optionally forecast one cold start ahead —
/// runs them at the utilisation the objective allows (derived with the M/G/c estimate of <see cref="SloQueueModel"/>
/// from the service time's mean and variability and the replica count, corrected by the ratio of observed to
/// predicted p99; or a fixed <see cref="SloOptions.TargetUtilization"/>), and (b) the queue, as it will stand when a
/// replica started now is ready, drains within a share of the p99 objective. Scales up at once; scales down only to
/// the largest recommendation of its stabilisation window (by default twice the cold start), to replicas that would
/// still meet a smaller share of the objective, and by one replica a poll.
/// </summary>
internal sealed class SloPolicy(SloOptions options, double p99TargetMs, TimeSpan period, TimeProvider time) : IScalingPolicy
{
    private const double CorrectionSmoothing = 0.1;

    /// <summary>At most this many polls are remembered for the correction (10 minutes at 1 s): below about one request
    /// per server a second the servers' window is older than that, and nothing is learnt from it.</summary>
    private const int MaxServedPolls = 600;

    public string Name => "slo";

    public TimeSpan Period => period;

    public int Recommend(ScalingSignals signals, ScalingMemory memory)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var serviceMs = Math.Max(signals.ServiceMs, 0.1);
        var serviceSeconds = serviceMs / 1000;
        var coldStart = TimeSpan.FromSeconds(signals.StartupSeconds);
        var rate = signals.ArrivalRate;
        var step = memory.LastEvaluatedUtc is { } last ? now - last : period;
        if (options.Forecast)
        {
            rate = Math.Max(rate, HoltForecast.Update(memory, signals.ArrivalRate, step, coldStart + period, options.ForecastAlpha, options.ForecastBeta));
        }

        // The queue a replica started now would find when ready: today's plus what the ready replicas cannot absorb
        // meanwhile. It must be gone a share of the objective after that: asking for more replicas than that cannot
        // help, since none of them takes work before the cold start is over.
        var readyCapacity = signals.ReadyReplicas / serviceSeconds;
        var projectedQueue = signals.QueueLength + (Math.Max(0, signals.ArrivalRate - readyCapacity) * coldStart.TotalSeconds);
        var drainSeconds = (p99TargetMs / 1000 * options.DrainFraction) + coldStart.TotalSeconds;
        var forQueue = Whole((signals.ArrivalRate + (projectedQueue / drainSeconds)) * serviceSeconds);

        int up, down;
        if (options.TargetUtilization > 0)
        {
            up = Whole(rate * serviceSeconds / options.TargetUtilization);
            down = Whole(rate * serviceSeconds / options.ScaleInUtilization);
        }
        else
        {
            var scv = signals.ServiceScv >= 0 ? signals.ServiceScv : options.DefaultServiceScv;
            var correction = options.CorrectFromObserved ? Correction(signals, serviceMs, scv, memory, step) : 1;
            up = SloQueueModel.ReplicasFor(rate, serviceMs, scv, p99TargetMs * options.ObjectiveShare / correction);
            down = SloQueueModel.ReplicasFor(rate, serviceMs, scv, p99TargetMs * options.ScaleInShare / correction);
        }

        up = Math.Max(up, forQueue);
        down = Math.Max(down, forQueue);
        var window = options.DownStabilizationSeconds > 0 ? options.DownStabilizationSeconds : Math.Max(10, 2 * coldStart.TotalSeconds);
        var stabilisedDown = memory.RecordAndMax(now, down, TimeSpan.FromSeconds(window));
        var current = signals.CurrentReplicas;
        if (up > current)
        {
            return up;
        }

        return stabilisedDown < current ? Math.Max(stabilisedDown, current - 1) : current;
    }

    /// <summary>
    /// Folds the ratio of the observed p99 to the predicted one into the memory's smoothed correction. Each server
    /// reports the p99 of its last <see cref="ModelStats.RecentRequests"/> requests, which may have been served under
    /// another load than today's: after a scale-out it still holds the queue that asked for the new replica, in a trough
    /// the peak before it. So the prediction it is set against is for the same requests: the polls that served them,
    /// each at its own rate and replica count (<see cref="SloQueueModel.WindowP99Ms"/>). Until the polls remembered
    /// cover that window (the policy's first polls) nothing is learnt.
    /// </summary>
    private static double Correction(ScalingSignals signals, double serviceMs, double scv, ScalingMemory memory, TimeSpan step)
    {
        var polls = memory.ServedPolls;
        if (signals.ReadyReplicas > 0)
        {
            polls.Add(new ServedPoll(signals.ArrivalRate * step.TotalSeconds / signals.ReadyReplicas, signals.ArrivalRate, signals.ReadyReplicas, serviceMs));
        }

        var served = polls.Sum(p => p.RequestsPerServer);
        while (polls.Count > MaxServedPolls || (polls.Count > 1 && served - polls[0].RequestsPerServer >= ModelStats.RecentRequests))
        {
            served -= polls[0].RequestsPerServer;
            polls.RemoveAt(0);
        }

        if (served >= ModelStats.RecentRequests && signals.ObservedP99Ms > 0 && signals.ArrivalRate > 0)
        {
            var predicted = SloQueueModel.WindowP99Ms(polls, serviceMs, scv);
            if (double.IsFinite(predicted))
            {
                var ratio = Math.Clamp(signals.ObservedP99Ms / predicted, 0.5, 2);
                memory.P99Correction += CorrectionSmoothing * (ratio - memory.P99Correction);
            }
        }
        return memory.P99Correction;
    }

    private static int Whole(double replicas) => Math.Max(1, (int)Math.Ceiling(replicas - 1e-9));
}
