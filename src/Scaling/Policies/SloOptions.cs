namespace OrleansServe.Scaling.Policies;

/// <summary>The <c>Scaling:Slo</c> section: our latency-objective policy (the objective itself is <c>Scaling:P99TargetMs</c>).</summary>
public sealed class SloOptions
{
    /// <summary>Utilisation each replica is planned at: capacity = arrival rate × service time ÷ this. The default is 0.75.</summary>
    public double TargetUtilization { get; set; } = 0.75;

    /// <summary>
    /// Utilisation the replicas left after a scale-in may run at: the policy scales in only while the arrival rate
    /// (the largest of the stabilisation window) fits the fewer replicas at this. Below <see cref="TargetUtilization"/>
    /// it gives a band between scaling out and in: scaling in at the target itself left the real course-a's tail on one
    /// replica at 72 % and set that run's p99. The default is 0.6.
    /// </summary>
    public double ScaleInUtilization { get; set; } = 0.6;

    /// <summary>Share of the p99 objective the current (and cold-start-projected) queue must drain within. The default is 0.5.</summary>
    public double DrainFraction { get; set; } = 0.5;

    /// <summary>
    /// Scale-down stabilisation: the target is the largest recommendation of this window. 0 ties it to the cold start:
    /// twice the launcher's measured start-up time, at least 10 s (keep an idle replica about as long as getting it
    /// back would cost, as in ski rental). The default is 0.
    /// </summary>
    public double DownStabilizationSeconds { get; set; }

    /// <summary>
    /// Also plan for the Holt-forecast arrival rate one cold start ahead. Off by default: on the course and spike traces
    /// it extrapolated steps into overshoots that cost more core-seconds than its p99 gain (docs/autoscaling). The default is false.
    /// </summary>
    public bool Forecast { get; set; }

    /// <summary>Holt level smoothing (0–1]. The default is 0.5.</summary>
    public double ForecastAlpha { get; set; } = 0.5;

    /// <summary>Holt trend smoothing (0–1]. The default is 0.3.</summary>
    public double ForecastBeta { get; set; } = 0.3;

    internal IEnumerable<string> Validate()
    {
        if (TargetUtilization is <= 0 or > 1)
        {
            yield return "Scaling:Slo:TargetUtilization must be in (0, 1].";
        }

        if (ScaleInUtilization <= 0 || ScaleInUtilization > TargetUtilization)
        {
            yield return "Scaling:Slo:ScaleInUtilization must be in (0, Scaling:Slo:TargetUtilization].";
        }

        if (DrainFraction is <= 0 or > 1)
        {
            yield return "Scaling:Slo:DrainFraction must be in (0, 1].";
        }

        if (DownStabilizationSeconds < 0)
        {
            yield return "Scaling:Slo:DownStabilizationSeconds must not be negative.";
        }

        if (ForecastAlpha is <= 0 or > 1)
        {
            yield return "Scaling:Slo:ForecastAlpha must be in (0, 1].";
        }

        if (ForecastBeta is <= 0 or > 1)
        {
            yield return "Scaling:Slo:ForecastBeta must be in (0, 1].";
        }
    }
}
