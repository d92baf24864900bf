namespace OrleansServe;

/// <summary>Which way a scaling decision moved the replica count.</summary>
[GenerateSerializer, Alias("OrleansServe.ScalingDirection")]
public enum ScalingDirection
{
    /// <summary>No change.</summary>
    None,

    /// <summary>More replicas.</summary>
    Up,

    /// <summary>Fewer replicas.</summary>
    Down,
}
