namespace OrleansServe.Scaling.Policies;

/// <summary>
/// The queue-length rule: desired = ceil(current × q / target) where q is the mean queue per ready replica (the HPA
/// formula on an average-value queue metric), and nothing changes within the cooldown after the last change.
/// </summary>
internal sealed class QueuePolicy(QueuePolicyOptions options, TimeProvider time) : IScalingPolicy
{
    public string Name => "queue";

    public TimeSpan Period => TimeSpan.FromSeconds(options.SyncSeconds);

    public int Recommend(ScalingSignals signals, ScalingMemory memory)
    {
        var current = Math.Max(1, signals.CurrentReplicas);
        var now = time.GetUtcNow().UtcDateTime;
        if (memory.LastScaleUtc is { } last && now - last < TimeSpan.FromSeconds(options.CooldownSeconds))
        {
            return current;
        }

        var perReplica = signals.QueueLength / Math.Max(1, signals.ReadyReplicas);
        return Math.Max(1, (int)Math.Ceiling(current * perReplica / options.TargetQueuePerReplica - 1e-9));
    }
}
