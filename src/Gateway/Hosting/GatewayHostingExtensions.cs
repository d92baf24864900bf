using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansServe.Engine;
using OrleansServe.Gateway.Admin;
using OrleansServe.Gateway.Endpoints;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Grpc;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Metrics;
using OrleansServe.Gateway.Traffic;
using OrleansServe.Hosting;

namespace OrleansServe.Gateway.Hosting;

/// <summary>Wires the gateway's HTTP API (options, limits, ProblemDetails, metrics, OpenAPI, the endpoint groups) and its gRPC service.</summary>
public static class GatewayHostingExtensions
{
    public static WebApplicationBuilder AddOrleansServeGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart()
            .PostConfigure<IOptions<EngineOptions>>((gateway, engine) => gateway.MaxImagePixels = engine.Value.MaxDecodedPixels);
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxBodyBytes;
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (gateway.Value.GrpcPort > 0 && listen.IPEndPoint?.Port == gateway.Value.GrpcPort)
                {
                    listen.Protocols = HttpProtocols.Http2; // set only here: an explicit setting elsewhere makes Kestrel warn about cleartext HTTP/2
                }
            });
        });
        services.AddTransient<IStartupFilter, GrpcPortStartupFilter>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<GrpcErrorInterceptor>());
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GatewayOptions>>((grpc, gateway) =>
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, gateway.Value.MaxBodyBytes));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsCustomizer.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ProblemMapper>();
        services.AddSingleton<GrpcStatusMapper>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ClusterHealth>();
        services.AddSingleton<InferencePipeline>();
        services.AddSingleton<SlowRequests>();
        services.AddSingleton<TrafficRunner>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<ProblemEndpointFilter>();
        return builder;
    }

    public static WebApplication UseOrleansServeGateway(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();

        app.MapOpenApi();
        app.MapSiloEndpoints(health: false);
        var api = app.MapGroup("").AddEndpointFilter<ProblemEndpointFilter>();
        api.MapHealthApi();
        api.MapModelsApi();
        api.MapInferenceApi();
        api.MapConvenienceApi();
        api.MapServersApi();
        api.MapClusterApi();
        api.MapScalerApi();
        api.MapTrafficApi();
        api.MapPredictLoadApi();
        app.MapGrpcService<GrpcInferenceService>();
        return app;
    }
}
