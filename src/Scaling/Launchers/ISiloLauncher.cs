namespace OrleansServe.Scaling.Launchers;

/// <summary>Adds and removes whole silos (the slow level of scaling): local processes, compose containers or Kubernetes pods.</summary>
public interface ISiloLauncher
{
    /// <summary><c>process</c>, <c>docker</c>, <c>kubernetes</c> or <c>none</c>.</summary>
    string Name { get; }

    /// <summary>Mean measured time from launch to a healthy silo; null before the first launch completes.</summary>
    double? MeasuredStartupSeconds { get; }

    /// <summary>
    /// Silos this launcher started and still runs: starting ones (<see cref="ScaledSilo.StartupSeconds"/> null) and
    /// warm ones (<see cref="ScaledSilo.Warm"/>) included.
    /// </summary>
    IReadOnlyList<ScaledSilo> Silos { get; }

    /// <summary>Starts one silo and completes when it is healthy (its models loaded), or throws.</summary>
    Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stops a silo it started, gracefully (its servers drain as the silo stops), and waits for it to go; a launcher
    /// with a warm pool that is short keeps the (drained) silo there instead.
    /// </summary>
    Task StopAsync(string siloName, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a silo out of the warm pool, to start a model server on it: false when it is not warm (any more). Only
    /// the process launcher keeps a pool.
    /// </summary>
    bool TryClaimWarm(string siloName) => false;
}
