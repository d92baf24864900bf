using OrleansServe.Gateway.Admin;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/servers</c> (every server with its silo, models, load, circuit and health) and the admin writes
/// <c>POST|DELETE /api/servers/{id}/models/{model}</c>. Server ids hold a '/' ("silo-11111/0"): send it
/// percent-encoded (<c>silo-11111%2F0</c>) or as two segments (<c>/api/servers/silo-11111/0/models/A</c>).
/// </summary>
public static class ServersApi
{
    public static IEndpointRouteBuilder MapServersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/servers").WithTags("Servers");
        api.MapGet("", ListAsync).WithName("ListServers").WithSummary("Every model server with its silo, models, load, circuit state and health.")
            .ProducesProblem(503);

        var admin = api.MapGroup("").AddEndpointFilter<AdminKeyFilter>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapPost("/{id}/models/{model}", (string id, string model, [AsParameters] ServerServices s, CancellationToken ct) => LoadAsync(Unescape(id), model, true, s, ct))
            .WithName("LoadModel").WithSummary("Loads a model on a server (admin).");
        admin.MapDelete("/{id}/models/{model}", (string id, string model, [AsParameters] ServerServices s, CancellationToken ct) => LoadAsync(Unescape(id), model, false, s, ct))
            .WithName("UnloadModel").WithSummary("Unloads a model from a server (admin).");
        admin.MapPost("/{silo}/{index:int}/models/{model}", (string silo, int index, string model, [AsParameters] ServerServices s, CancellationToken ct) =>
                LoadAsync($"{silo}/{index}", model, true, s, ct))
            .WithName("LoadModelBySegments");
        admin.MapDelete("/{silo}/{index:int}/models/{model}", (string silo, int index, string model, [AsParameters] ServerServices s, CancellationToken ct) =>
                LoadAsync($"{silo}/{index}", model, false, s, ct))
            .WithName("UnloadModelBySegments");
        return app;
    }

    public static async Task<Results<Ok<List<ServerInfo>>, ProblemHttpResult>> ListAsync(IGrainFactory grains, ClusterHealth health, CancellationToken cancellationToken)
    {
        var (servers, error) = await health.ServersAsync(cancellationToken);
        if (servers is null)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", error ?? "server registry unreachable");
        }
        IReadOnlyDictionary<string, CircuitState> circuits;
        try
        {
            circuits = await grains.GetGrain<IRouterGrain>(0).GetCircuitsAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            circuits = new Dictionary<string, CircuitState>();
        }
        return TypedResults.Ok(servers.OrderBy(s => s.ServerId, StringComparer.Ordinal)
            .Select(s => ServerInfo.From(s, circuits.GetValueOrDefault(s.ServerId, CircuitState.Closed))).ToList());
    }

    public static async Task<Results<Ok<ModelPlacement>, ProblemHttpResult>> LoadAsync(string id, string model, bool load, ServerServices s, CancellationToken cancellationToken)
    {
        var manifest = s.Catalog.Get(model);
        var (servers, error) = await s.Health.ServersAsync(cancellationToken);
        if (servers is null)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", error ?? "server registry unreachable");
        }
        if (!servers.Any(v => v.ServerId == id))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Unknown server", $"No server '{ModelCatalog.Display(id)}'. GET /api/servers lists them.");
        }
        var server = s.Grains.GetGrain<IModelServerGrain>(id);
        await (load ? server.LoadModelAsync(manifest.Name) : server.UnloadModelAsync(manifest.Name)).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return TypedResults.Ok(new ModelPlacement(id, manifest.Name, load));
    }

    private static string Unescape(string id) => Uri.UnescapeDataString(id);
}
