using Grpc.Core;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using Oip = Inference;

namespace OrleansServe.Gateway.Grpc;

/// <summary>
/// The Open Inference Protocol over gRPC (<c>inference.GRPCInferenceService</c>), on <c>Gateway:GrpcPort</c>. Each
/// method answers what its REST twin answers, from the same code: readiness from <see cref="ClusterHealth"/>, models
/// from <see cref="ModelCatalog"/>, inference through <see cref="InferencePipeline"/> (batching, routing, admission)
/// under the call's deadline and cancellation. Failures leave as exceptions for <see cref="GrpcErrorInterceptor"/>.
/// </summary>
internal sealed class GrpcInferenceService(ModelCatalog catalog, ClusterHealth health, InferencePipeline pipeline,
    GrpcStatusMapper errors, IOptions<GatewayOptions> options) : Oip.GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<Oip.ServerLiveResponse> ServerLive(Oip.ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new Oip.ServerLiveResponse { Live = true });

    public override async Task<Oip.ServerReadyResponse> ServerReady(Oip.ServerReadyRequest request, ServerCallContext context) =>
        new() { Ready = (await health.CheckAsync(context.CancellationToken)).Ready };

    public override async Task<Oip.ModelReadyResponse> ModelReady(Oip.ModelReadyRequest request, ServerCallContext context)
    {
        var model = catalog.Get(request.Name, request.Version);
        return new() { Ready = (await health.CheckAsync(context.CancellationToken)).Models.Contains(model.Name) };
    }

    public override Task<Oip.ServerMetadataResponse> ServerMetadata(Oip.ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcResponses.ServerMetadata());

    public override Task<Oip.ModelMetadataResponse> ModelMetadata(Oip.ModelMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcResponses.Metadata(catalog.Get(request.Name, request.Version)));

    public override async Task<Oip.ModelInferResponse> ModelInfer(Oip.ModelInferRequest request, ServerCallContext context)
    {
        var model = catalog.Get(request.ModelName, request.ModelVersion);
        var parsed = GrpcInferenceParser.Parse(request, model.IsImageModel, options.Value);
        var run = await pipeline.RunAsync(model, parsed, context.Deadline, context.CancellationToken);
        if (run.Failure is { } failure)
        {
            throw errors.Map(failure, context);
        }
        return GrpcResponses.Infer(run, request.ModelVersion, raw: request.RawInputContents.Count > 0);
    }
}
