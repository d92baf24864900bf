namespace OrleansServe.Scaling;

public enum ReplicaActionKind
{
    /// <summary>Start a model server on a silo with a spare core (fast).</summary>
    StartServer,

    /// <summary>Take a silo from the launcher's warm pool and start a model server on it (fast: it is in the cluster already).</summary>
    ClaimWarmSilo,

    /// <summary>Ask the launcher for a silo (slow); it starts its own server.</summary>
    LaunchSilo,

    /// <summary>Drain a server (it stops taking work, hands back its queue, finishes in-flight work).</summary>
    DrainServer,
}
