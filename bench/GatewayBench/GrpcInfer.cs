using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oip = Inference;

namespace OrleansServe.GatewayBench;

/// <summary>
/// The gateway's gRPC service (<c>Gateway:GrpcPort</c>) through a client generated from the same proto: ResNet18 on
/// one JPEG a call (BYTES contents, as the REST load sends one JPEG a request), and the tiny path (echo, one token).
/// </summary>
public sealed class GrpcInfer : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Oip.GRPCInferenceService.GRPCInferenceServiceClient _client;

    public GrpcInfer(Uri address)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = Timeout.InfiniteTimeSpan },
        });
        _client = new Oip.GRPCInferenceService.GRPCInferenceServiceClient(_channel);
    }

    public ImageLoad Images(IReadOnlyList<byte[]> jpegs) => new(jpegs, image => CallAsync(Image(image)));

    public ImageLoad Tiny() => new([[]], _ => CallAsync(Echo));

    private static readonly Oip.ModelInferRequest Echo = new()
    {
        ModelName = "echo",
        Inputs = { new Oip.ModelInferRequest.Types.InferInputTensor { Name = "tokens", Datatype = "INT64", Shape = { 1 }, Contents = new() { Int64Contents = { 1 } } } },
    };

    private static Oip.ModelInferRequest Image(byte[] jpeg) => new()
    {
        ModelName = "resnet18",
        Inputs =
        {
            new Oip.ModelInferRequest.Types.InferInputTensor
            {
                Name = "image", Datatype = "BYTES", Shape = { 1 }, Contents = new() { BytesContents = { ByteString.CopyFrom(jpeg) } },
            },
        },
    };

    private async Task<bool> CallAsync(Oip.ModelInferRequest request)
    {
        try
        {
            await _client.ModelInferAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public void Dispose() => _channel.Dispose();
}
