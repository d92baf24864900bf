namespace OrleansServe.Grains.Scaling.Policies;

/// <summary>The <c>Scaling:Slo</c> section: our latency-objective policy (the objective itself is <c>Scaling:P99TargetMs</c>).</summary>
public sealed class SloOptions
{
    /// <summary>Utilisation each replica is planned at: capacity = arrival rate × service time ÷ this. The default is 0.75.</summary>
    public double TargetUtilization { get; set; } = 0.75;

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
        if (TargetUtilization is <= 0 or > 1) yield return "Scaling:Slo:TargetUtilization must be in (0, 1].";
        if (DrainFraction is <= 0 or > 1) yield return "Scaling:Slo:DrainFraction must be in (0, 1].";
        if (DownStabilizationSeconds < 0) yield return "Scaling:Slo:DownStabilizationSeconds must not be negative.";
        if (ForecastAlpha is <= 0 or > 1) yield return "Scaling:Slo:ForecastAlpha must be in (0, 1].";
        if (ForecastBeta is <= 0 or > 1) yield return "Scaling:Slo:ForecastBeta must be in (0, 1].";
    }
}
