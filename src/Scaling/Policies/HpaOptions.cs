namespace OrleansServe.Scaling.Policies;

/// <summary>The <c>Scaling:Hpa</c> section: the Kubernetes Horizontal Pod Autoscaler on CPU.</summary>
public sealed class HpaOptions
{
    /// <summary>Target mean CPU utilisation of the replicas, in percent. The default is 70 (policy names <c>hpa70</c>/<c>hpa90</c> override it).</summary>
    public double TargetCpuPercent { get; set; } = 70;

    /// <summary>No change while |cpu / target − 1| is within this. The default is 0.1 (Kubernetes' default).</summary>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>Scale-down stabilisation: the target is the largest recommendation of this window. The default is 300 s (Kubernetes' default).</summary>
    public double DownStabilizationSeconds { get; set; } = 300;

    /// <summary>How often the rule runs. The default is 15 s (Kubernetes' <c>--horizontal-pod-autoscaler-sync-period</c>).</summary>
    public double SyncSeconds { get; set; } = 15;

    internal IEnumerable<string> Validate()
    {
        if (TargetCpuPercent is <= 0 or > 100)
        {
            yield return "Scaling:Hpa:TargetCpuPercent must be in (0, 100].";
        }

        if (Tolerance is < 0 or >= 1)
        {
            yield return "Scaling:Hpa:Tolerance must be in [0, 1).";
        }

        if (DownStabilizationSeconds < 0)
        {
            yield return "Scaling:Hpa:DownStabilizationSeconds must not be negative.";
        }

        if (SyncSeconds <= 0)
        {
            yield return "Scaling:Hpa:SyncSeconds must be positive.";
        }
    }
}
