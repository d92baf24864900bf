using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oip = Inference;

namespace OrleansServe.GatewayBench;

/// <summary>
/// The gateway's gRPC service (<c>Gateway:GrpcPort</c>) through a client generated from the same proto: ResNet18 on
/// one JPEG a call (BYTES contents, as the REST load sends one JPEG a request), and the tiny path (echo, one token).
/// Each call answers an HTTP-like status for <see cref="Latencies"/>: 200, 429 for RESOURCE_EXHAUSTED and 503 for
/// UNAVAILABLE (shed), 500 for any other gRPC status.
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

    /// <summary>Each call sends the next of <paramref name="jpegs"/> to ResNet18.</summary>
    public Func<Task<int>> Images(IReadOnlyList<byte[]> jpegs)
    {
        var requests = jpegs.Select(Image).ToArray();
        var next = 0;
        return () => CallAsync(requests[(Interlocked.Increment(ref next) & int.MaxValue) % requests.Length]);
    }

    public Func<Task<int>> Tiny() => () => CallAsync(Echo);

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

    private async Task<int> CallAsync(Oip.ModelInferRequest request)
    {
        try
        {
            await _client.ModelInferAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
            return 200;
        }
        catch (RpcException e)
        {
            return e.StatusCode switch
            {
                StatusCode.ResourceExhausted => 429,
                StatusCode.Unavailable => 503,
                _ => 500,
            };
        }
    }

    public void Dispose() => _channel.Dispose();
}
