using System.Reflection;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>Open Inference Protocol metadata: <c>GET /v2</c>, <c>/v2/models</c>, <c>/v2/models/{model}[/versions/{v}][/ready]</c>.</summary>
public static class ModelsApi
{
    private static readonly string ServerVersion =
        typeof(ModelsApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v2").WithTags("Metadata");
        api.MapGet("", () => TypedResults.Ok(ServerMetadata()))
            .WithName("ServerMetadata").WithSummary("Server metadata (Open Inference Protocol).");
        api.MapGet("/models", ListAsync).WithName("ListModels").WithSummary("Every model of the catalog and whether it is ready.");
        api.MapGet("/models/{model}", (string model, ModelCatalog catalog) => Metadata(model, null, catalog))
            .WithName("ModelMetadata").WithSummary("Model metadata (Open Inference Protocol).").ProducesProblem(404);
        api.MapGet("/models/{model}/versions/{version}", (string model, string version, ModelCatalog catalog) => Metadata(model, version, catalog))
            .WithName("ModelVersionMetadata").ProducesProblem(404);
        api.MapGet("/models/{model}/ready", (string model, ModelCatalog catalog, ClusterHealth health, CancellationToken ct) => ReadyAsync(model, null, catalog, health, ct))
            .WithName("ModelReady").WithSummary("200 when a healthy server has the model loaded, 503 otherwise.").ProducesProblem(404).ProducesProblem(503);
        api.MapGet("/models/{model}/versions/{version}/ready", (string model, string version, ModelCatalog catalog, ClusterHealth health, CancellationToken ct) =>
                ReadyAsync(model, version, catalog, health, ct))
            .WithName("ModelVersionReady").ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    /// <summary>The server's name, version and protocol extensions (REST <c>GET /v2</c> and gRPC <c>ServerMetadata</c>).</summary>
    public static OipServerMetadata ServerMetadata() => new("orleansserve", ServerVersion, ["classification"]);

    public static async Task<Ok<ModelList>> ListAsync(ModelCatalog catalog, ClusterHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        var models = catalog.All.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m =>
        {
            var meta = OipModelMetadata.From(m, InferenceApi.Version);
            return new ModelSummary(m.Name, m.Kind, meta.Platform, meta.Versions, report.Models.Contains(m.Name), meta.Properties.GetValueOrDefault("weights"));
        }).ToList();
        return TypedResults.Ok(new ModelList(models));
    }

    public static Results<Ok<OipModelMetadata>, ProblemHttpResult> Metadata(string model, string? version, ModelCatalog catalog)
    {
        if (Resolve(model, version, catalog, out var problem) is not { } manifest)
        {
            return problem!;
        }
        return TypedResults.Ok(OipModelMetadata.From(manifest, InferenceApi.Version));
    }

    public static async Task<Results<Ok<OipModelReady>, ProblemHttpResult>> ReadyAsync(string model, string? version, ModelCatalog catalog,
        ClusterHealth health, CancellationToken cancellationToken)
    {
        if (Resolve(model, version, catalog, out var problem) is not { } manifest)
        {
            return problem!;
        }
        var report = await health.CheckAsync(cancellationToken);
        return report.Models.Contains(manifest.Name)
            ? TypedResults.Ok(new OipModelReady(manifest.Name, true))
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, "Model not ready", $"No healthy server has model '{manifest.Name}' loaded.",
                new Dictionary<string, object?> { ["name"] = manifest.Name, ["ready"] = false });
    }

    private static Engine.ModelManifest? Resolve(string model, string? version, ModelCatalog catalog, out ProblemHttpResult? problem)
    {
        problem = null;
        var manifest = catalog.Find(model);
        if (manifest is null)
        {
            problem = Problems.Create(StatusCodes.Status404NotFound, "Unknown model", $"Unknown model '{ModelCatalog.Display(model)}'. GET /v2/models lists the models.");
        }
        else if (version is not null && version != InferenceApi.Version)
        {
            problem = Problems.Create(StatusCodes.Status404NotFound, "Unknown version",
                $"Model '{manifest.Name}' has no version '{ModelCatalog.Display(version)}'; the only version is {InferenceApi.Version}.");
            manifest = null;
        }
        return manifest;
    }
}
