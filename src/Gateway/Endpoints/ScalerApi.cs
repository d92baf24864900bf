using Microsoft.AspNetCore.Http.HttpResults;
using OrleansServe.Gateway.Admin;

namespace OrleansServe.Gateway.Endpoints;

/// <summary><c>GET /api/scaler</c> (status and decisions) and <c>POST /api/scaler</c> (admin: policy, pin).</summary>
public static class ScalerApi
{
    public static IEndpointRouteBuilder MapScalerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scaler").WithTags("Scaling");
        group.MapGet("/", GetAsync).WithName("GetScaler").WithSummary("The scaler's status and its recent decisions, newest first.");
        group.MapPost("/", SetAsync).AddEndpointFilter<AdminKeyFilter>().ProducesProblem(401).ProducesProblem(403)
            .WithName("SetScaler").WithSummary("Switch the scaling policy, pin a replica count or unpin.");
        return app;
    }

    private static async Task<Ok<ScalerView>> GetAsync(IGrainFactory grains, int? max)
    {
        var scaler = grains.GetGrain<IScalerGrain>(0);
        return TypedResults.Ok(new ScalerView(await scaler.GetStatusAsync(), await scaler.GetHistoryAsync(Math.Clamp(max ?? 100, 1, 1000))));
    }

    private static async Task<Results<Ok<ScalerStatus>, ProblemHttpResult>> SetAsync(IGrainFactory grains, ScalerCommand command)
    {
        var scaler = grains.GetGrain<IScalerGrain>(0);
        try
        {
            if (command.Policy is { } policy)
            {
                await scaler.SetPolicyAsync(policy);
            }

            if (command.Unpin)
            {
                await scaler.PinAsync(null);
            }
            else if (command.Pin is { } pin)
            {
                await scaler.PinAsync(pin);
            }

            return TypedResults.Ok(await scaler.GetStatusAsync());
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["error"] = ex.Message });
        }
    }

    /// <summary>The GET answer: status plus history.</summary>
    public sealed record ScalerView(ScalerStatus Status, IReadOnlyList<ScalingDecision> History);
}
