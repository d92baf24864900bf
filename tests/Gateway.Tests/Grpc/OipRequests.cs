using System.Buffers.Binary;
using Google.Protobuf;
using Oip = Inference;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>ModelInferRequests as clients build them: typed contents (KServe's clients) or raw_input_contents (Triton's).</summary>
public static class OipRequests
{
    public static Oip.ModelInferRequest Images(string model, IEnumerable<byte[]> images, int? topK = null, bool raw = false)
    {
        var list = images.ToList();
        var input = new Oip.ModelInferRequest.Types.InferInputTensor { Name = "image", Datatype = "BYTES", Shape = { list.Count } };
        var request = new Oip.ModelInferRequest { ModelName = model, Inputs = { input } };
        if (raw)
        {
            request.RawInputContents.Add(LengthPrefixed(list));
        }
        else
        {
            input.Contents = new Oip.InferTensorContents { BytesContents = { list.Select(ByteString.CopyFrom) } };
        }
        if (topK is { } k)
        {
            request.Outputs.Add(Output("classification", k));
        }
        return request;
    }

    public static Oip.ModelInferRequest Tokens(string model, params long[] tokens) => new()
    {
        ModelName = model,
        Inputs =
        {
            new Oip.ModelInferRequest.Types.InferInputTensor
            {
                Name = "tokens", Datatype = "INT64", Shape = { tokens.Length }, Contents = new Oip.InferTensorContents { Int64Contents = { tokens } },
            },
        },
    };

    public static Oip.ModelInferRequest.Types.InferRequestedOutputTensor Output(string name, int? topK = null)
    {
        var output = new Oip.ModelInferRequest.Types.InferRequestedOutputTensor { Name = name };
        if (topK is { } k)
        {
            output.Parameters["classification"] = new Oip.InferParameter { Int64Param = k };
        }
        return output;
    }

    /// <summary>BYTES elements as the protocol packs them raw: a 4-byte little-endian length, then the bytes.</summary>
    public static ByteString LengthPrefixed(IEnumerable<byte[]> elements)
    {
        using var stream = new MemoryStream();
        foreach (var element in elements)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, element.Length);
            stream.Write(length);
            stream.Write(element);
        }
        return ByteString.CopyFrom(stream.ToArray());
    }

    public static List<string> Unpack(ByteString raw)
    {
        var span = raw.Span;
        var elements = new List<string>();
        while (!span.IsEmpty)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(span);
            elements.Add(System.Text.Encoding.UTF8.GetString(span.Slice(4, length)));
            span = span[(4 + length)..];
        }
        return elements;
    }
}
