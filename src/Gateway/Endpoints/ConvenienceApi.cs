using System.Globalization;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Health;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>
/// The endpoints of the FastAPI + PyTorch dispatchers users come from: <c>/predict</c>, <c>/add_to_queue</c>,
/// <c>/enqueue</c>. They take the convenience forms and serve <c>Gateway:DefaultModel</c> (when empty, the best real
/// classifier of the catalog) unless <c>?model=</c> says otherwise; the answer names the model.
/// </summary>
public static class ConvenienceApi
{
    public static IEndpointRouteBuilder MapConvenienceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Convenience");
        api.MapPost("/predict", (HttpContext context, [AsParameters] ConvenienceServices services) => PredictAsync(context, services, withQueue: false))
            .WithName("Predict").WithInferenceBodies()
            .WithSummary("Classifies one image (multipart 'file' or 'image', raw image body, or {\"image\": base64}).")
            .Produces<PredictResponse>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503);
        api.MapPost("/add_to_queue", (HttpContext context, [AsParameters] ConvenienceServices services) => PredictAsync(context, services, withQueue: true))
            .WithName("AddToQueue").WithInferenceBodies()
            .WithSummary("As /predict, plus the cluster's queue length.")
            .Produces<PredictResponse>().ProducesProblem(400);
        api.MapPost("/enqueue", (HttpContext context, [AsParameters] ConvenienceServices services) => PredictAsync(context, services, withQueue: true))
            .WithName("Enqueue").WithInferenceBodies()
            .WithSummary("As /add_to_queue, for clients that send {\"image\": base64}.")
            .Produces<PredictResponse>().ProducesProblem(400);
        return app;
    }

    public static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> PredictAsync(HttpContext context, ConvenienceServices services, bool withQueue)
    {
        var model = context.Request.Query.TryGetValue("model", out var m) ? m.ToString()
            : services.Options.Value.DefaultModel is { Length: > 0 } configured ? configured
            : services.Catalog.DefaultClassifier() ?? "";
        var run = await services.Pipeline.RunAsync(context, model);
        if (run.Failure is { } failure)
        {
            return services.Problems.Map(failure, context);
        }
        var response = run.Responses[0];
        var prediction = response.Predictions.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{response.Predictions[0].Label}: {response.Predictions[0].Confidence * 100:0.0}%")
            : string.Create(CultureInfo.InvariantCulture, $"{run.Request.Items[0].Tokens} tokens served by {response.ServerId}");
        int? queue = null;
        if (withQueue)
        {
            var (servers, _) = await services.Health.ServersAsync(context.RequestAborted);
            queue = servers?.Where(s => s.Healthy).Sum(s => s.Report?.QueueLength ?? 0) ?? 0;
        }
        return TypedResults.Ok(new PredictResponse(prediction, run.Model.Name, queue));
    }
}
