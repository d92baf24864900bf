namespace OrleansServe.Scaling.Policies;

/// <summary>
/// Our policy: enough replicas that (a) the arrival rate — measured, and forecast one cold start ahead — keeps each
/// replica at the utilisation target, and (b) the queue, as it will stand when a replica started now is ready, drains
/// within a share of the p99 objective. Scales up at once; scales down only to the largest recommendation of its
/// stabilisation window (by default twice the cold start), planned at the lower scale-in utilisation, and by one
/// replica a poll.
/// </summary>
internal sealed class SloPolicy(SloOptions options, double p99TargetMs, TimeSpan period, TimeProvider time) : IScalingPolicy
{
    public string Name => "slo";

    public TimeSpan Period => period;

    public int Recommend(ScalingSignals signals, ScalingMemory memory)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var serviceSeconds = Math.Max(signals.ServiceMs, 0.1) / 1000;
        var coldStart = TimeSpan.FromSeconds(signals.StartupSeconds);
        var rate = signals.ArrivalRate;
        if (options.Forecast)
        {
            var step = memory.LastEvaluatedUtc is { } last ? now - last : period;
            rate = Math.Max(rate, HoltForecast.Update(memory, signals.ArrivalRate, step, coldStart + period, options.ForecastAlpha, options.ForecastBeta));
        }

        // The queue a replica started now would find when ready: today's plus what the ready replicas cannot absorb
        // meanwhile. It must be gone a share of the objective after that: asking for more replicas than that cannot
        // help, since none of them takes work before the cold start is over.
        var readyCapacity = signals.ReadyReplicas / serviceSeconds;
        var projectedQueue = signals.QueueLength + (Math.Max(0, signals.ArrivalRate - readyCapacity) * coldStart.TotalSeconds);
        var drainSeconds = (p99TargetMs / 1000 * options.DrainFraction) + coldStart.TotalSeconds;
        var forQueue = (signals.ArrivalRate + (projectedQueue / drainSeconds)) * serviceSeconds;

        var up = Replicas(rate * serviceSeconds / options.TargetUtilization, forQueue);
        var down = Replicas(rate * serviceSeconds / options.ScaleInUtilization, forQueue);
        var window = options.DownStabilizationSeconds > 0 ? options.DownStabilizationSeconds : Math.Max(10, 2 * coldStart.TotalSeconds);
        var stabilisedDown = memory.RecordAndMax(now, down, TimeSpan.FromSeconds(window));
        var current = signals.CurrentReplicas;
        if (up > current)
        {
            return up;
        }

        return stabilisedDown < current ? Math.Max(stabilisedDown, current - 1) : current;
    }

    private static int Replicas(double forUtilisation, double forQueue) =>
        Math.Max(1, (int)Math.Ceiling(Math.Max(forUtilisation, forQueue) - 1e-9));
}
