namespace OrleansServe;

/// <summary>A silo that the scaler's launcher started.</summary>
/// <param name="Name">The silo's name (its model servers are <c>{Name}/{n}</c>).</param>
/// <param name="Launcher">The launcher that owns it (<c>process</c>, <c>docker</c>, <c>kubernetes</c>).</param>
/// <param name="StartedUtc">When it was asked for.</param>
/// <param name="StartupSeconds">Time from launch until its <c>/health</c> answered 200; null while starting.</param>
/// <param name="Warm">
/// In the launcher's warm pool (or starting for it): in the cluster, but without a model server, so not a replica
/// (<c>Scaling:Process:WarmSilos</c>).
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansServe.ScaledSilo")]
public sealed record ScaledSilo(string Name, string Launcher, DateTime StartedUtc, double? StartupSeconds, bool Warm = false);
