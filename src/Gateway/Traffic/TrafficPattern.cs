namespace OrleansServe.Gateway.Traffic;

/// <summary>BatchServe's traffic patterns over the token models A–D.</summary>
public enum TrafficPattern
{
    /// <summary>70 % A, 10 % each of B, C and D, at a steady rate.</summary>
    HighA,

    /// <summary>25 % each, at a steady rate.</summary>
    Equal,

    /// <summary>Random models in bursts of random size sent at five times the rate, with pauses that keep the average rate.</summary>
    Burst,
}
