namespace OrleansServe;

/// <summary>One poll of the scaler: its inputs, what the policy asked for, and what was done.</summary>
/// <param name="TimestampUtc">When the poll ran.</param>
/// <param name="Policy">The policy that decided (e.g. <c>slo</c>, <c>hpa70</c>).</param>
/// <param name="Signals">The measured inputs.</param>
/// <param name="Recommended">The policy's desired replicas before min/max and pinning.</param>
/// <param name="Target">The replica count acted on, after min/max and pinning.</param>
/// <param name="Direction">Up, down or none compared with the current replicas.</param>
/// <param name="Actions">What the scaler did (servers started or drained, silos launched or stopped), or why not.</param>
[GenerateSerializer, Immutable, Alias("OrleansServe.ScalingDecision")]
public sealed record ScalingDecision(
    DateTime TimestampUtc,
    string Policy,
    ScalingSignals Signals,
    int Recommended,
    int Target,
    ScalingDirection Direction,
    IReadOnlyList<string> Actions)
{
    /// <summary>
    /// Whether this decision asks for what <paramref name="previous"/> asked for and did what it did: a target the
    /// scaler cannot reach (no spare core, no launcher) is decided again every poll, and is news only the first time.
    /// </summary>
    public bool Repeats(ScalingDecision? previous) =>
        previous is not null && previous.Policy == Policy && previous.Direction == Direction && previous.Target == Target
        && previous.Actions.SequenceEqual(Actions, StringComparer.Ordinal);
}
