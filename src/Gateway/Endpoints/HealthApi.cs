using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>
/// <c>GET /health</c> and <c>GET /</c> (200 once the cluster can serve, 503 ProblemDetails before), and the Open
/// Inference Protocol probes <c>/v2/health/live</c> and <c>/v2/health/ready</c>.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Health");
        api.MapGet("/health", HealthAsync).WithName("Health").WithSummary("200 with JSON once servers have loaded their models, 503 before.")
            .ProducesProblem(503);
        api.MapGet("/", HealthAsync).WithName("Root").WithSummary("Same as /health.").ProducesProblem(503);
        api.MapGet("/v2/health/live", () => TypedResults.Ok(new OipServerLive(Live: true)))
            .WithName("ServerLive").WithSummary("200 while the process runs.");
        api.MapGet("/v2/health/ready", ReadyAsync).WithName("ServerReady").WithSummary("200 when the cluster can serve, 503 otherwise.")
            .ProducesProblem(503);
        return app;
    }

    public static async Task<Results<Ok<HealthView>, ProblemHttpResult>> HealthAsync(ClusterHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.Ready
            ? TypedResults.Ok(new HealthView("Healthy", true, report.Silo, report.Mode, report.HealthyServers, report.Models))
            : NotReady(report);
    }

    public static async Task<Results<Ok<OipServerReady>, ProblemHttpResult>> ReadyAsync(ClusterHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.Ready ? TypedResults.Ok(new OipServerReady(true, true)) : NotReady(report);
    }

    private static ProblemHttpResult NotReady(HealthReport report) =>
        Problems.Create(StatusCodes.Status503ServiceUnavailable, "Not ready", report.Reason ?? "not ready",
            new Dictionary<string, object?>
            {
                ["live"] = true,
                ["ready"] = false,
                ["silo"] = report.Silo,
                ["mode"] = report.Mode,
                ["healthyServers"] = report.HealthyServers,
            });
}
