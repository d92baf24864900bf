namespace OrleansServe.Scaling;

/// <summary>What <see cref="ScalingController"/> decided at one poll: the policy's recommendation and the bounded target.</summary>
public sealed record ScalingOutcome(int Recommended, int Target, ScalingDirection Direction);
