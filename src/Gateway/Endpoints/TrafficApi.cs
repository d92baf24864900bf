using OrleansServe.Gateway.Admin;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Traffic;

namespace OrleansServe.Gateway.Endpoints;

/// <summary><c>POST /api/test-traffic/{high-a|equal|burst}?requests=&amp;rate=</c> (admin): runs a bounded pattern over A–D and returns a summary.</summary>
public static class TrafficApi
{
    public const int DefaultRequests = 200;
    public const double DefaultRate = 100;
    public const double MaxRate = 5000;

    public static IEndpointRouteBuilder MapTrafficApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/test-traffic/{pattern}", RunAsync)
            .AddEndpointFilter<AdminKeyFilter>()
            .WithTags("Admin").WithName("TestTraffic")
            .WithSummary("Runs BatchServe's traffic pattern (high-a: 70 % A; equal: 25 % each; burst) over models A–D and summarises it.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    public static async Task<Results<Ok<TrafficSummary>, ProblemHttpResult>> RunAsync(string pattern, int? requests, double? rate,
        TrafficRunner runner, ModelCatalog catalog, IOptions<GatewayOptions> options, HttpContext context)
    {
        if (!TrafficPlan.TryParse(pattern, out var parsed))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Unknown pattern", $"Unknown traffic pattern '{ModelCatalog.Display(pattern)}': use high-a, equal or burst.");
        }
        var max = options.Value.MaxTestTrafficRequests;
        var count = requests ?? DefaultRequests;
        var perSecond = rate ?? DefaultRate;
        if (count < 1 || count > max)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid input", $"requests must be between 1 and {max} (Gateway:MaxTestTrafficRequests).");
        }
        if (!(perSecond >= 0.1 && perSecond <= MaxRate))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid input", $"rate must be between 0.1 and {MaxRate} requests per second.");
        }
        var missing = TrafficPlan.Models.Where(m => catalog.Find(m) is null).ToList();
        if (missing.Count > 0)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Models missing", $"The catalog lacks model(s) {string.Join(", ", missing)}.");
        }
        return TypedResults.Ok(await runner.RunAsync(parsed, pattern.ToLowerInvariant(), count, perSecond, context.RequestAborted));
    }
}
