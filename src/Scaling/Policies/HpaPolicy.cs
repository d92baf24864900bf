namespace OrleansServe.Scaling.Policies;

/// <summary>
/// Kubernetes HPA on CPU: desired = ceil(current × cpu / target), no change within the tolerance, scale-up limited
/// to max(2 × current, current + 4) per sync as Kubernetes' default behaviour, scale-down stabilised as the largest
/// recommendation of the window. Starting replicas count as 0 % CPU (Kubernetes treats unready pods so when scaling up).
/// </summary>
internal sealed class HpaPolicy(HpaOptions options, TimeProvider time) : IScalingPolicy
{
    public string Name => $"hpa{options.TargetCpuPercent:0}";

    public TimeSpan Period => TimeSpan.FromSeconds(options.SyncSeconds);

    public int Recommend(ScalingSignals signals, ScalingMemory memory)
    {
        var current = Math.Max(1, signals.CurrentReplicas);
        var cpu = signals.CpuPercent * signals.ReadyReplicas / current;
        var ratio = cpu / options.TargetCpuPercent;
        var raw = Math.Abs(ratio - 1) <= options.Tolerance ? current : (int)Math.Ceiling(current * ratio - 1e-9);
        raw = Math.Min(raw, Math.Max(2 * current, current + 4));
        return memory.RecordAndMax(time.GetUtcNow().UtcDateTime, raw, TimeSpan.FromSeconds(options.DownStabilizationSeconds));
    }
}
