using OrleansServe.Scaling;

namespace OrleansServe.Grains.Scaling;

/// <summary>The scaler's persisted state (storage "scaler"): policy, pin, policy memory, history.</summary>
[GenerateSerializer, Alias("OrleansServe.Scaling.ScalerState")]
internal sealed class ScalerState
{
    /// <summary>Policy chosen at run time; null means <c>Scaling:Policy</c>.</summary>
    [Id(0)] public string? Policy { get; set; }

    [Id(1)] public int? PinnedReplicas { get; set; }

    [Id(2)] public ScalingMemory Memory { get; set; } = new();

    /// <summary>Newest last, at most <c>Scaling:HistorySize</c>.</summary>
    [Id(3)] public List<ScalingDecision> History { get; set; } = [];

    [Id(4)] public int DesiredReplicas { get; set; }

    /// <summary>Next free server index per silo: a drained server's key is never reused (its activation stays draining).</summary>
    [Id(5)] public Dictionary<string, int> NextServerIndex { get; set; } = [];
}
