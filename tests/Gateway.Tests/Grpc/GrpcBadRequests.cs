using Google.Protobuf;
using OrleansServe.Gateway.Tests.Infrastructure;
using Oip = Inference;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>ModelInferRequests the gateway must refuse with INVALID_ARGUMENT, by name (REST answers each with 400 or 413).</summary>
public static class GrpcBadRequests
{
    public static IEnumerable<string> Names =>
    [
        "image-model-given-int64", "not-an-image", "truncated-jpeg", "declares-40000x40000", "shape-says-2-data-has-1", "65-items",
        "two-inputs", "no-datatype", "unknown-output", "top-k-0", "negative-tokens", "raw-and-contents", "raw-length-past-end",
    ];

    public static Oip.ModelInferRequest Build(string name) => name switch
    {
        "image-model-given-int64" => Retype(OipRequests.Tokens("mobilenetv2", 1), "mobilenetv2"),
        "not-an-image" => OipRequests.Images("mobilenetv2", [BadImages.Random(500)]),
        "truncated-jpeg" => OipRequests.Images("mobilenetv2", [BadImages.Truncated(TestImages.Jpeg, 2000)]),
        "declares-40000x40000" => OipRequests.Images("mobilenetv2", [BadImages.HugePng()]),
        "shape-says-2-data-has-1" => With(OipRequests.Images("mobilenetv2", [TestImages.Jpeg]), r => r.Inputs[0].Shape[0] = 2),
        "65-items" => OipRequests.Tokens("B", Enumerable.Repeat(1L, 65).ToArray()),
        "two-inputs" => With(OipRequests.Tokens("B", 1), r => r.Inputs.Add(r.Inputs[0].Clone())),
        "no-datatype" => With(OipRequests.Tokens("B", 1), r => r.Inputs[0].Datatype = ""),
        "unknown-output" => With(OipRequests.Tokens("B", 1), r => r.Outputs.Add(OipRequests.Output("logits"))),
        "top-k-0" => OipRequests.Images("mobilenetv2", [TestImages.Jpeg], topK: 0),
        "negative-tokens" => OipRequests.Tokens("B", -1),
        "raw-and-contents" => With(OipRequests.Tokens("B", 1), r => r.RawInputContents.Add(ByteString.CopyFrom(new byte[8]))),
        "raw-length-past-end" => With(OipRequests.Images("mobilenetv2", [], raw: true), r =>
        {
            r.Inputs[0].Shape.Clear();
            r.Inputs[0].Shape.Add(1);
            r.RawInputContents.Clear();
            r.RawInputContents.Add(ByteString.CopyFrom([0xFF, 0, 0, 0, 1, 2, 3]));
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Oip.ModelInferRequest Retype(Oip.ModelInferRequest request, string model)
    {
        request.ModelName = model;
        return request;
    }

    private static Oip.ModelInferRequest With(Oip.ModelInferRequest request, Action<Oip.ModelInferRequest> change)
    {
        change(request);
        return request;
    }
}
