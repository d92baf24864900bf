using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// The Open Inference Protocol's input rules, shared by both wire forms (JSON on <c>/v2/models/{m}/infer</c>,
/// protobuf on gRPC <c>ModelInfer</c>) so a request is refused for the same reasons with the same words.
/// </summary>
public static class OipRules
{
    /// <summary>The element count of a tensor's shape: 1 to 8 non-negative dimensions, at most <paramref name="maxItems"/> elements (413 past that).</summary>
    public static int ElementCount(IReadOnlyList<long> shape, int maxItems)
    {
        if (shape.Count is 0 or > 8)
        {
            throw HttpProblemException.BadRequest("inputs[0].shape must be an array of 1 to 8 dimensions.");
        }
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw HttpProblemException.BadRequest("inputs[0].shape dimensions must be non-negative integers.");
            }
            count *= size;
            if (count > maxItems)
            {
                throw HttpProblemException.TooLarge($"inputs[0] holds more than {maxItems} items (Gateway:MaxBatchItems).");
            }
        }
        return count == 0 ? throw HttpProblemException.BadRequest("inputs[0].shape describes no elements.") : (int)count;
    }

    /// <summary>Image models take BYTES (encoded images); token models take INT64 or INT32 (token counts).</summary>
    public static void CheckDatatype(string datatype, bool imageModel)
    {
        if (imageModel && datatype != OipTensorNames.Bytes)
        {
            throw HttpProblemException.BadRequest($"inputs[0].datatype must be BYTES (encoded images; base64 strings in JSON) for this model, not {Shorten(datatype)}.");
        }
        if (!imageModel && datatype is not (OipTensorNames.Int64 or OipTensorNames.Int32))
        {
            throw HttpProblemException.BadRequest($"inputs[0].datatype must be INT64 (token counts) for this model, not {Shorten(datatype)}.");
        }
    }

    /// <summary>An input tensor needs its name and datatype.</summary>
    public static void CheckNamed(string? name, string? datatype)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(datatype))
        {
            throw HttpProblemException.BadRequest("inputs[0] needs \"name\", \"datatype\", \"shape\" and \"data\".");
        }
    }

    /// <summary>A requested output must be one the model produces.</summary>
    public static string OutputName(string? name, bool imageModel)
    {
        var known = OipTensorNames.OutputsFor(imageModel);
        return name is not null && known.Contains(name)
            ? name
            : throw HttpProblemException.BadRequest($"Each output needs a \"name\" among: {string.Join(", ", known)}.");
    }

    /// <summary>A top-k asked for with the <c>classification</c> output parameter: 1 to <c>Gateway:MaxTopK</c>.</summary>
    public static int TopK(long value, int maxTopK) => value >= 1 && value <= maxTopK
        ? (int)value
        : throw HttpProblemException.BadRequest($"outputs[].parameters.classification must be a whole number between 1 and {maxTopK}.");

    /// <summary>A token count: 0 to <c>Gateway:MaxTokens</c>.</summary>
    public static int TokenCount(long value, string what, int maxTokens) => value >= 0 && value <= maxTokens
        ? (int)value
        : throw HttpProblemException.BadRequest($"{what} must be between 0 and {maxTokens} (Gateway:MaxTokens), not {value}.");

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
