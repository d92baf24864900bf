namespace OrleansServe.Grains.Routing;

/// <summary>The <c>Router</c> section: server choice, retries and the per-server circuit breaker.</summary>
public sealed class RouterOptions
{
    public const string Section = "Router";

    /// <summary>Failures (errors, timeouts, unreachable silo) within <see cref="FailureWindowMs"/> that open a server's circuit. The default is 5.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>The sliding window in which failures are counted. The default is 10000 ms.</summary>
    public int FailureWindowMs { get; set; } = 10_000;

    /// <summary>How long a circuit stays open before one probe request is let through (half-open). The default is 3000 ms.</summary>
    public int OpenMs { get; set; } = 3_000;

    /// <summary>How many times a failed request is tried again on another server (within its deadline). The default is 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How often each silo refreshes its cached view of the registry. The default is 500 ms.</summary>
    public int ViewRefreshMs { get; set; } = 500;

    /// <summary>Longest wait for one server call when the request's own deadline is further away; a silo that died mid-call is given up on after this. The default is 30000 ms.</summary>
    public int MaxCallMs { get; set; } = 30_000;

    internal IEnumerable<string> Validate()
    {
        if (FailureThreshold < 1)
        {
            yield return "Router:FailureThreshold must be at least 1.";
        }

        if (FailureWindowMs < 100)
        {
            yield return "Router:FailureWindowMs must be at least 100.";
        }

        if (OpenMs < 10)
        {
            yield return "Router:OpenMs must be at least 10.";
        }

        if (MaxRetries < 0)
        {
            yield return "Router:MaxRetries must not be negative.";
        }

        if (ViewRefreshMs < 50)
        {
            yield return "Router:ViewRefreshMs must be at least 50.";
        }
    }
}
