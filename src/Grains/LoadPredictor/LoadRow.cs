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

    public static float[] FeaturesOf(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, int> tokens) =>
        FeaturesOf(counts.ToDictionary(kv => kv.Key, kv => (double)kv.Value), tokens.ToDictionary(kv => kv.Key, kv => (double)kv.Value));

    /// <summary>The features of a mix given as rates (requests and tokens a second).</summary>
    public static float[] FeaturesOf(IReadOnlyDictionary<string, double> counts, IReadOnlyDictionary<string, double> tokens)
    {
        var features = new float[Models.Length * 2];
        for (var i = 0; i < Models.Length; i++)
        {
            features[i] = (float)counts.GetValueOrDefault(Models[i]);
            features[Models.Length + i] = (float)tokens.GetValueOrDefault(Models[i]);
        }
        return features;
    }
}
