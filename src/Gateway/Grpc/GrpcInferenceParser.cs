using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;
using Oip = Inference;

namespace OrleansServe.Gateway.Grpc;

/// <summary>
/// Parses a gRPC <c>ModelInferRequest</c> into the <see cref="ParsedInference"/> the REST path builds from JSON, by the
/// same rules (<see cref="OipRules"/>, <see cref="ImageValidator"/>): one input tensor, BYTES images or INT64/INT32
/// token counts, typed in <c>contents</c> or packed in <c>raw_input_contents</c> (BYTES elements there are each a
/// 4-byte little-endian length and the bytes, as Triton's clients send them).
/// </summary>
internal static class GrpcInferenceParser
{
    public static ParsedInference Parse(Oip.ModelInferRequest request, bool imageModel, GatewayOptions options)
    {
        if (request.Inputs.Count != 1)
        {
            throw HttpProblemException.BadRequest($"The model takes exactly one input tensor; the request has {request.Inputs.Count}.");
        }
        var input = request.Inputs[0];
        OipRules.CheckNamed(input.Name, input.Datatype);
        var count = OipRules.ElementCount(input.Shape, options.MaxBatchItems);
        OipRules.CheckDatatype(input.Datatype, imageModel);
        var raw = Raw(request, input);
        var items = imageModel
            ? Images(input, raw, count).Select(image => InferenceItem.ForImage(ImageValidator.Validate(image, options.MaxImagePixels))).ToList()
            : Tokens(input, raw, count).Select((t, i) => InferenceItem.ForTokens(OipRules.TokenCount(t, $"inputs[0] element {i}", options.MaxTokens))).ToList();
        var (outputs, topK) = Outputs(request.Outputs, imageModel, options.MaxTopK);
        return new ParsedInference(string.IsNullOrEmpty(request.Id) ? null : request.Id, items, topK, outputs, IsOpenInference: true);
    }

    /// <summary>The input's raw bytes when the request packs its data in <c>raw_input_contents</c>, else null.</summary>
    private static ByteString? Raw(Oip.ModelInferRequest request, Oip.ModelInferRequest.Types.InferInputTensor input)
    {
        if (request.RawInputContents.Count == 0)
        {
            return null;
        }
        if (request.RawInputContents.Count != 1)
        {
            throw HttpProblemException.BadRequest($"raw_input_contents has {request.RawInputContents.Count} entries; the request has 1 input.");
        }
        if (input.Contents is { } contents && contents.CalculateSize() > 0)
        {
            throw HttpProblemException.BadRequest("inputs[0] has both contents and raw_input_contents; send one.");
        }
        return request.RawInputContents[0];
    }

    private static List<byte[]> Images(Oip.ModelInferRequest.Types.InferInputTensor input, ByteString? raw, int count)
    {
        var images = raw is null
            ? (input.Contents?.BytesContents ?? []).Select(b => b.ToByteArray()).ToList()
            : LengthPrefixed(raw.Span, count);
        return images.Count == count
            ? images
            : throw HttpProblemException.BadRequest($"inputs[0] has {images.Count} elements; its shape says {count}.");
    }

    private static List<long> Tokens(Oip.ModelInferRequest.Types.InferInputTensor input, ByteString? raw, int count)
    {
        var int64 = input.Datatype == OipTensorNames.Int64;
        List<long> values;
        if (raw is null)
        {
            var contents = input.Contents ?? new Oip.InferTensorContents();
            values = int64 ? [.. contents.Int64Contents] : [.. contents.IntContents.Select(v => (long)v)];
        }
        else
        {
            var size = int64 ? 8 : 4;
            if (raw.Length % size != 0)
            {
                throw HttpProblemException.BadRequest($"raw_input_contents[0] is {raw.Length} bytes, not a whole number of {input.Datatype} values.");
            }
            values = Enumerable.Range(0, raw.Length / size).Select(i => int64
                ? BinaryPrimitives.ReadInt64LittleEndian(raw.Span[(i * 8)..])
                : BinaryPrimitives.ReadInt32LittleEndian(raw.Span[(i * 4)..])).ToList();
        }
        return values.Count == count
            ? values
            : throw HttpProblemException.BadRequest($"inputs[0] has {values.Count} elements; its shape says {count}.");
    }

    /// <summary>BYTES elements packed as (uint32 little-endian length, bytes)*; reads at most one element past <paramref name="count"/>.</summary>
    private static List<byte[]> LengthPrefixed(ReadOnlySpan<byte> raw, int count)
    {
        var elements = new List<byte[]>(count);
        while (!raw.IsEmpty && elements.Count <= count)
        {
            var length = raw.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(raw) : uint.MaxValue;
            if (length > raw.Length - 4)
            {
                throw HttpProblemException.BadRequest("raw_input_contents[0] is not a sequence of 4-byte little-endian lengths and their bytes.");
            }
            elements.Add(raw.Slice(4, (int)length).ToArray());
            raw = raw[(4 + (int)length)..];
        }
        return elements;
    }

    private static (IReadOnlyList<string>? Names, int? TopK) Outputs(RepeatedField<Oip.ModelInferRequest.Types.InferRequestedOutputTensor> outputs,
        bool imageModel, int maxTopK)
    {
        if (outputs.Count == 0)
        {
            return (null, null);
        }
        int? topK = null;
        var names = new List<string>(outputs.Count);
        foreach (var output in outputs)
        {
            names.Add(OipRules.OutputName(output.Name, imageModel));
            if (output.Parameters.TryGetValue("classification", out var k))
            {
                topK = OipRules.TopK(k.ParameterChoiceCase switch
                {
                    Oip.InferParameter.ParameterChoiceOneofCase.Int64Param => k.Int64Param,
                    Oip.InferParameter.ParameterChoiceOneofCase.Uint64Param => (long)Math.Min(k.Uint64Param, long.MaxValue),
                    _ => 0,
                }, maxTopK);
            }
        }
        return (names, topK);
    }
}
