namespace OrleansServe.Scaling;

/// <summary>One step of a scaling plan.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="SiloName">The silo concerned (none for <see cref="ReplicaActionKind.LaunchSilo"/>).</param>
/// <param name="ServerId">The server started or drained.</param>
/// <param name="StopSilo">After draining: the silo is left without servers and the launcher owns it, so stop it.</param>
public sealed record ReplicaAction(ReplicaActionKind Kind, string? SiloName = null, string? ServerId = null, bool StopSilo = false)
{
    public override string ToString() => Kind switch
    {
        ReplicaActionKind.StartServer => $"start server {ServerId}",
        ReplicaActionKind.ClaimWarmSilo => $"start server {ServerId} on warm silo {SiloName}",
        ReplicaActionKind.LaunchSilo => "launch silo",
        ReplicaActionKind.DrainServer => StopSilo ? $"drain server {ServerId} and stop silo {SiloName}" : $"drain server {ServerId}",
        _ => Kind.ToString(),
    };
}
