namespace OrleansServe.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusterMode
{
    /// <summary>Localhost clustering: one silo in the process (or extra local silos joining a primary's endpoint).</summary>
    Embedded,

    /// <summary>Membership in Redis (<see cref="ClusterSettings.Redis"/>): any number of silo processes.</summary>
    Redis,
}
