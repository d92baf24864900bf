using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>What the convenience endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed record ConvenienceServices(InferencePipeline Pipeline, ModelCatalog Catalog, ClusterHealth Health, ProblemMapper Problems, IOptions<GatewayOptions> Options);
