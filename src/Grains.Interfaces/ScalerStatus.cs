namespace OrleansServe;

/// <summary>The scaler's state as <c>GET /api/scaler</c> shows it.</summary>
/// <param name="Enabled">Whether the poll loop runs (<c>Scaling:Enabled</c>).</param>
/// <param name="Policy">The policy in force.</param>
/// <param name="PinnedReplicas">A replica count pinned by an operator, overriding the policy; null when not pinned.</param>
/// <param name="MinReplicas">Lower bound (<c>Scaling:MinReplicas</c>).</param>
/// <param name="MaxReplicas">Upper bound (<c>Scaling:MaxReplicas</c>).</param>
/// <param name="CurrentReplicas">Model servers taking work (not draining).</param>
/// <param name="DesiredReplicas">The last target.</param>
/// <param name="Launcher">The silo launcher in use.</param>
/// <param name="StartupSeconds">The launcher's measured cold start (the configured estimate before any launch).</param>
/// <param name="Silos">Silos the launcher started and still runs.</param>
/// <param name="LastDecision">The most recent decision, null before the first poll.</param>
[GenerateSerializer, Immutable, Alias("OrleansServe.ScalerStatus")]
public sealed record ScalerStatus(
    bool Enabled,
    string Policy,
    int? PinnedReplicas,
    int MinReplicas,
    int MaxReplicas,
    int CurrentReplicas,
    int DesiredReplicas,
    string Launcher,
    double StartupSeconds,
    IReadOnlyList<ScaledSilo> Silos,
    ScalingDecision? LastDecision);
