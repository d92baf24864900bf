namespace OrleansServe.Scaling.Policies;

/// <summary>The <c>Scaling:Queue</c> section: the queue-length rule.</summary>
public sealed class QueuePolicyOptions
{
    /// <summary>Target queue length per replica: desired = ceil(current × mean queue per replica / this). The default is 50.</summary>
    public double TargetQueuePerReplica { get; set; } = 50;

    /// <summary>No change for this long after a change. The default is 150 s.</summary>
    public double CooldownSeconds { get; set; } = 150;

    /// <summary>How often the rule runs. The default is 15 s.</summary>
    public double SyncSeconds { get; set; } = 15;

    internal IEnumerable<string> Validate()
    {
        if (TargetQueuePerReplica <= 0)
        {
            yield return "Scaling:Queue:TargetQueuePerReplica must be positive.";
        }

        if (CooldownSeconds < 0)
        {
            yield return "Scaling:Queue:CooldownSeconds must not be negative.";
        }

        if (SyncSeconds <= 0)
        {
            yield return "Scaling:Queue:SyncSeconds must be positive.";
        }
    }
}
