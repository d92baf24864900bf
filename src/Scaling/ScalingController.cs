using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling;

/// <summary>
/// The decision step shared by the scaler grain and the simulator: runs the policy when its period is due, bounds
/// the result by min/max (or a pinned count) and remembers when the target last changed.
/// </summary>
public sealed class ScalingController(int minReplicas, int maxReplicas, TimeProvider time)
{
    /// <summary>The outcome, or null when the policy is not due yet.</summary>
    public ScalingOutcome? Evaluate(IScalingPolicy policy, ScalingSignals signals, ScalingMemory memory, int? pinned = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (memory.LastEvaluatedUtc is { } last && now - last < policy.Period - TimeSpan.FromMilliseconds(1))
        {
            return null;
        }

        var recommended = policy.Recommend(signals, memory);
        memory.LastEvaluatedUtc = now;
        var target = Math.Clamp(pinned ?? recommended, minReplicas, maxReplicas);
        var current = signals.CurrentReplicas;
        var direction = target > current ? ScalingDirection.Up : target < current ? ScalingDirection.Down : ScalingDirection.None;
        if (direction != ScalingDirection.None)
        {
            memory.LastScaleUtc = now;
        }

        return new ScalingOutcome(recommended, target, direction);
    }
}
