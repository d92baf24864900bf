using Microsoft.ML.Data;

namespace OrleansServe.Grains.LoadPredictor;

/// <summary>One training row: a second's request mix over the token models and the load it caused on one silo.</summary>
public sealed class LoadRow
{
    /// <summary>The token models whose counts are features, in feature order.</summary>
    public static readonly string[] Models = ["A", "B", "C", "D"];

    /// <summary>Requests per model, then tokens per model, in <see cref="Models"/> order.</summary>
    [VectorType(8)]
    public float[] Features { get; set; } = new float[8];

    public float Cpu { get; set; }

    public float Memory { get; set; }

    public float LatencyMs { get; set; }

    public static float[] FeaturesOf(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, int> tokens)
    {
        var features = new float[Models.Length * 2];
        for (var i = 0; i < Models.Length; i++)
        {
            features[i] = counts.TryGetValue(Models[i], out var c) ? c : 0;
            features[Models.Length + i] = tokens.TryGetValue(Models[i], out var t) ? t : 0;
        }
        return features;
    }
}
