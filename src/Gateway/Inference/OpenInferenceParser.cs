using System.Text.Json;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// Parses an Open Inference Protocol (KServe v2) inference request: one input tensor, BYTES (base64 images) for
/// image models or INT64/INT32 (token counts) for token models, whose shape's element count matches its data.
/// </summary>
public static class OpenInferenceParser
{
    public static ParsedInference Parse(JsonElement root, bool imageModel, GatewayOptions options)
    {
        var id = JsonKinds.OptionalString(root, "id", "");
        if (root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw HttpProblemException.BadRequest("\"parameters\" must be an object.");
        }
        var inputs = root.GetProperty("inputs");
        if (inputs.ValueKind != JsonValueKind.Array)
        {
            throw HttpProblemException.BadRequest($"\"inputs\" must be an array, not {JsonKinds.Name(inputs.ValueKind)}.");
        }
        if (inputs.GetArrayLength() != 1)
        {
            throw HttpProblemException.BadRequest($"The model takes exactly one input tensor; the request has {inputs.GetArrayLength()}.");
        }
        var items = ParseInput(inputs[0], imageModel, options);
        var (outputs, topK) = ParseOutputs(root, imageModel, options);
        return new ParsedInference(id, items, topK, outputs, IsOpenInference: true);
    }

    private static List<InferenceItem> ParseInput(JsonElement input, bool imageModel, GatewayOptions options)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw HttpProblemException.BadRequest($"inputs[0] must be an object, not {JsonKinds.Name(input.ValueKind)}.");
        }
        var name = JsonKinds.OptionalString(input, "name", "inputs[0].");
        var datatype = JsonKinds.OptionalString(input, "datatype", "inputs[0].");
        OipRules.CheckNamed(name, datatype);
        var count = OipRules.ElementCount(Shape(input), options.MaxBatchItems);
        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw HttpProblemException.BadRequest("inputs[0].data must be an array.");
        }
        var elements = new List<JsonElement>(count);
        Flatten(data, elements, options.MaxBatchItems + 1, depth: 0);
        if (elements.Count != count)
        {
            throw HttpProblemException.BadRequest($"inputs[0].data has {elements.Count} elements; its shape says {count}.");
        }
        OipRules.CheckDatatype(datatype!, imageModel);
        if (imageModel)
        {
            return elements.Select((e, i) => e.ValueKind == JsonValueKind.String
                    ? InferenceItem.ForImage(ImageValidator.Validate(ImageValidator.FromBase64(e.GetString()!, $"inputs[0].data[{i}]"), options.MaxImagePixels))
                    : throw HttpProblemException.BadRequest($"inputs[0].data[{i}] must be a base64 string, not {JsonKinds.Name(e.ValueKind)}."))
                .ToList();
        }
        return elements.Select((e, i) => InferenceItem.ForTokens(JsonKinds.TokenCount(e, $"inputs[0].data[{i}]", options.MaxTokens))).ToList();
    }

    private static List<long> Shape(JsonElement input)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() is 0 or > 8)
        {
            throw HttpProblemException.BadRequest("inputs[0].shape must be an array of 1 to 8 dimensions.");
        }
        return shape.EnumerateArray().Select(dimension => dimension.ValueKind == JsonValueKind.Number && dimension.TryGetInt64(out var size)
                ? size
                : throw HttpProblemException.BadRequest("inputs[0].shape dimensions must be non-negative integers."))
            .ToList();
    }

    private static void Flatten(JsonElement data, List<JsonElement> into, int limit, int depth)
    {
        foreach (var element in data.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array && depth < 8)
            {
                Flatten(element, into, limit, depth + 1);
            }
            else
            {
                into.Add(element);
            }
            if (into.Count > limit)
            {
                return;
            }
        }
    }

    private static (IReadOnlyList<string>? Names, int? TopK) ParseOutputs(JsonElement root, bool imageModel, GatewayOptions options)
    {
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            throw HttpProblemException.BadRequest("\"outputs\" must be an array.");
        }
        var names = new List<string>();
        int? topK = null;
        foreach (var output in outputs.EnumerateArray())
        {
            var name = output.ValueKind == JsonValueKind.Object ? JsonKinds.OptionalString(output, "name", "outputs[].") : null;
            names.Add(OipRules.OutputName(name, imageModel));
            if (output.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("classification", out var k))
            {
                topK = JsonKinds.Int(k, "outputs[].parameters.classification", 1, options.MaxTopK);
            }
        }
        return (names, topK);
    }
}
