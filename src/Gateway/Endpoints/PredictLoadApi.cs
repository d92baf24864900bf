using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary><c>POST /api/predict-load</c>: the load predictor's CPU, memory and latency for a request mix; <c>GET</c> gives its error.</summary>
public static class PredictLoadApi
{
    public static IEndpointRouteBuilder MapPredictLoadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/predict-load").WithTags("Prediction");
        api.MapPost("", PredictAsync).WithName("PredictLoad")
            .WithSummary("Predicts {cpu, memory, latencyMs} for {\"modelCounts\":{\"A\":3,…},\"tokenCounts\":{\"A\":300,…}}.")
            .ProducesProblem(400).ProducesProblem(503);
        api.MapGet("", ErrorAsync).WithName("PredictorError").WithSummary("The predictor's error on held-back rows.").ProducesProblem(503);
        return app;
    }

    public static async Task<Results<Ok<LoadPrediction>, ProblemHttpResult>> PredictAsync(PredictLoadRequest? request, IGrainFactory grains,
        ModelCatalog catalog, HttpContext context)
    {
        if (request?.ModelCounts is null || request.ModelCounts.Count == 0)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid input", "Expected {\"modelCounts\": {\"A\": 3, …}, \"tokenCounts\": {\"A\": 300, …}}.");
        }
        var tokens = request.TokenCounts ?? [];
        foreach (var (model, count) in request.ModelCounts.Concat(tokens))
        {
            if (catalog.Find(model) is null)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid input", $"Unknown model '{ModelCatalog.Display(model)}' in the mix.");
            }
            if (count < 0)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid input", $"Counts must not be negative ('{model}': {count}).");
            }
        }
        var prediction = await grains.GetGrain<ILoadPredictorGrain>(0).PredictAsync(new LoadMix(request.ModelCounts, tokens))
            .WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
        return TypedResults.Ok(prediction);
    }

    public static async Task<Results<Ok<PredictorError>, ProblemHttpResult>> ErrorAsync(IGrainFactory grains, HttpContext context)
    {
        return TypedResults.Ok(await grains.GetGrain<ILoadPredictorGrain>(0).GetErrorAsync().WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted));
    }
}
