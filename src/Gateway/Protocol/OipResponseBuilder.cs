using System.Globalization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>Builds the Open Inference Protocol response of a served request: batch-major outputs of shape [n, k].</summary>
public static class OipResponseBuilder
{
    public static OipInferenceResponse Build(string model, string? version, string id, bool imageModel,
        IReadOnlyList<string>? requested, IReadOnlyList<InferenceResponse> responses, IReadOnlyList<int> tokens, double totalMs)
    {
        var names = requested ?? (imageModel ? [OipTensorNames.Classification] : [OipTensorNames.TokensServed]);
        var outputs = names.Distinct().Select(name => name switch
        {
            OipTensorNames.Classification => Matrix(name, OipTensorNames.Bytes, responses,
                p => string.Create(CultureInfo.InvariantCulture, $"{p.Confidence:0.######}:{p.Index}:{p.Label}")),
            OipTensorNames.Probabilities => Matrix(name, OipTensorNames.Fp32, responses, p => p.Confidence),
            OipTensorNames.Indices => Matrix(name, OipTensorNames.Int64, responses, p => (long)p.Index),
            _ => new OipOutput(name, OipTensorNames.Int64, [tokens.Count], tokens.Select(t => (object)(long)t).ToArray()),
        }).ToList();

        var parameters = new Dictionary<string, object>
        {
            ["server"] = string.Join(",", responses.Select(r => r.ServerId).Distinct()),
            ["batch_size"] = responses.Max(r => r.Timings.BatchSize),
            ["queue_ms"] = Math.Round(responses.Max(r => r.Timings.QueueMs), 3),
            ["inference_ms"] = Math.Round(responses.Max(r => r.Timings.InferenceMs), 3),
            ["total_ms"] = Math.Round(totalMs, 3),
            ["retries"] = responses.Sum(r => r.Retries),
        };
        return new OipInferenceResponse(model, version, id, parameters, outputs);
    }

    /// <summary>A [n, k] tensor where k is the shortest top-k among the items (shapes must be rectangular).</summary>
    private static OipOutput Matrix(string name, string datatype, IReadOnlyList<InferenceResponse> responses, Func<Prediction, object> select)
    {
        var k = responses.Min(r => r.Predictions.Count);
        var data = responses.SelectMany(r => r.Predictions.Take(k).Select(select)).ToArray();
        return new OipOutput(name, datatype, [responses.Count, k], data);
    }
}
