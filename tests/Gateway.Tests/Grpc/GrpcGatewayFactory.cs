using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansServe.Gateway.Tests.Infrastructure;
using Oip = Inference;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>
/// The gateway on real Kestrel ports (gRPC needs HTTP/2, and the Python client a socket): HTTP on a free loopback port,
/// gRPC on <c>Gateway:GrpcPort</c>, one engine worker (so a long request makes the next one queue), and model C left
/// unloaded (so a request for it finds no server, as during a rollout).
/// </summary>
public sealed class GrpcGatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public GrpcGatewayFactory() => UseKestrel(HttpPort);

    public int HttpPort { get; } = FreePorts.Next();

    public int GrpcPort { get; } = FreePorts.Next();

    public GrpcChannel Channel { get; private set; } = null!;

    public Oip.GRPCInferenceService.GRPCInferenceServiceClient Client { get; private set; } = null!;

    public HttpClient Rest { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Silo:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:Dashboard", "false");
        builder.UseSetting("Silo:Servers", "1");
        builder.UseSetting("Cluster:ClusterId", $"grpc-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Gateway:GrpcPort", GrpcPort.ToString());
        builder.UseSetting("Gateway:TimeoutMs", "20000");
        builder.UseSetting("Engine:Workers", "1");
        builder.UseSetting("Models:Load", "resnet18,mobilenetv2,A,B,D,echo");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task InitializeAsync()
    {
        StartServer();
        Rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromMinutes(5) };
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");
        Client = new Oip.GRPCInferenceService.GRPCInferenceServiceClient(Channel);
        await Eventually.ValueAsync(async () =>
        {
            using var response = await Rest.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, TimeSpan.FromMinutes(3), "/health = 200");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Channel?.Dispose();
        Rest?.Dispose();
        await DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcCollection : ICollectionFixture<GrpcGatewayFactory>
{
    public const string Name = "grpc";
}
