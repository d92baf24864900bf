namespace OrleansServe;

/// <summary>
/// The autoscaler (key 0, one activation, state persisted): every <c>Scaling:PollSeconds</c> it reads the registry,
/// asks its policy for the desired replicas and starts or drains model servers and silos.
/// </summary>
[Alias("OrleansServe.IScalerGrain")]
public interface IScalerGrain : IGrainWithIntegerKey
{
    /// <summary>Current policy, replicas, launched silos and the last decision.</summary>
    [Alias("GetStatusAsync")]
    Task<ScalerStatus> GetStatusAsync();

    /// <summary>The most recent decisions, newest first, at most <paramref name="max"/>.</summary>
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<ScalingDecision>> GetHistoryAsync(int max = 100);

    /// <summary>Switches policy: <c>hpa</c>, <c>hpa70</c>, <c>hpa90</c>, <c>queue</c> or <c>slo</c>. Throws <see cref="ArgumentException"/> for another name.</summary>
    [Alias("SetPolicyAsync")]
    Task SetPolicyAsync(string policy);

    /// <summary>Pins the replica count (within min/max) regardless of the policy; null unpins.</summary>
    [Alias("PinAsync")]
    Task PinAsync(int? replicas);

    /// <summary>Runs one poll now and returns its decision (also what the timer does).</summary>
    [Alias("PollAsync")]
    Task<ScalingDecision> PollAsync();
}
