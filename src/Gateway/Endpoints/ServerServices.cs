using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Inference;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>What the server admin endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed record ServerServices(IGrainFactory Grains, ModelCatalog Catalog, ClusterHealth Health);
