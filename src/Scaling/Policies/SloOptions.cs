namespace OrleansServe.Scaling.Policies;

/// <summary>The <c>Scaling:Slo</c> section: our latency-objective policy (the objective itself is <c>Scaling:P99TargetMs</c>).</summary>
public sealed class SloOptions
{
    /// <summary>
    /// A fixed utilisation each replica is planned at (capacity = arrival rate × service time ÷ this), as the policy
    /// did before it derived one. 0 derives it from the objective with the M/G/c estimate: the highest utilisation at
    /// which the replicas' predicted p99 stays within <see cref="ObjectiveShare"/> of <c>Scaling:P99TargetMs</c>.
    /// The default is 0 (derive).
    /// </summary>
    public double TargetUtilization { get; set; }

    /// <summary>
    /// With a fixed <see cref="TargetUtilization"/> only: utilisation the replicas left after a scale-in may run at
    /// (a band between scaling out and in). The default is 0.6.
    /// </summary>
    public double ScaleInUtilization { get; set; } = 0.6;

    /// <summary>
    /// Share of the p99 objective the predicted steady-state p99 may use when planning capacity; the rest is headroom
    /// for what a steady-state estimate leaves out (the rate changing between polls, bursts within a second, the
    /// cold start of the next replica). The default is 0.5.
    /// </summary>
    public double ObjectiveShare { get; set; } = 0.5;

    /// <summary>
    /// Scale in only while the replicas left would keep the predicted p99 within this share of the objective (below
    /// <see cref="ObjectiveShare"/>: the margin between scaling out and in). The default is 0.3.
    /// </summary>
    public double ScaleInShare { get; set; } = 0.3;

    /// <summary>
    /// Service-time squared coefficient of variation assumed until one is measured. The default is 0.0225 (cv 0.15:
    /// ResNet18 on one core).
    /// </summary>
    public double DefaultServiceScv { get; set; } = 0.0225;

    /// <summary>
    /// Correct the estimate by what the replicas report: the predicted p99 is multiplied by a smoothed ratio of the
    /// observed p99 to the predicted one (between 0.5 and 2). The default is true.
    /// </summary>
    public bool CorrectFromObserved { get; set; } = true;

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
        if (TargetUtilization is < 0 or > 1)
        {
            yield return "Scaling:Slo:TargetUtilization must be in [0, 1] (0 = derive from the objective).";
        }

        if (TargetUtilization > 0 && (ScaleInUtilization <= 0 || ScaleInUtilization > TargetUtilization))
        {
            yield return "Scaling:Slo:ScaleInUtilization must be in (0, Scaling:Slo:TargetUtilization].";
        }

        if (ObjectiveShare is <= 0 or > 1)
        {
            yield return "Scaling:Slo:ObjectiveShare must be in (0, 1].";
        }

        if (ScaleInShare <= 0 || ScaleInShare > ObjectiveShare)
        {
            yield return "Scaling:Slo:ScaleInShare must be in (0, Scaling:Slo:ObjectiveShare].";
        }

        if (DefaultServiceScv < 0)
        {
            yield return "Scaling:Slo:DefaultServiceScv must not be negative.";
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
