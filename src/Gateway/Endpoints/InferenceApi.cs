using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary><c>POST /v2/models/{model}[/versions/{version}]/infer</c>: the Open Inference Protocol form and the convenience forms.</summary>
public static class InferenceApi
{
    /// <summary>Models are not versioned; "1" is the only version, accepted for clients that always name one.</summary>
    public const string Version = "1";

    public static IEndpointRouteBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v2/models").WithTags("Inference");
        api.MapPost("/{model}/infer", (string model, HttpContext context, InferencePipeline pipeline, ProblemMapper problems) =>
                InferAsync(model, null, context, pipeline, problems))
            .WithName("Infer").WithInferenceBodies()
            .WithSummary("Runs a model: Open Inference Protocol JSON, {\"image\": base64}, {\"tokens\": N}, a raw image or multipart 'file'.")
            .Produces<OipInferenceResponse>()
            .Produces<InferResponse>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429)
            .ProducesProblem(503).ProducesProblem(504);
        api.MapPost("/{model}/versions/{version}/infer", (string model, string version, HttpContext context, InferencePipeline pipeline, ProblemMapper problems) =>
                InferAsync(model, version, context, pipeline, problems))
            .WithName("InferVersion").WithInferenceBodies()
            .WithSummary("Same as /v2/models/{model}/infer; the only version is \"1\".")
            .Produces<OipInferenceResponse>()
            .ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    public static async Task<Results<Ok<OipInferenceResponse>, Ok<InferResponse>, ProblemHttpResult>> InferAsync(
        string model, string? version, HttpContext context, InferencePipeline pipeline, ProblemMapper problems)
    {
        if (version is not null && version != Version)
        {
            throw HttpProblemException.NotFound($"Model '{ModelCatalog.Display(model)}' has no version '{ModelCatalog.Display(version)}'; the only version is {Version}.");
        }
        var run = await pipeline.RunAsync(context, model);
        if (run.Failure is { } failure)
        {
            return problems.Map(failure, context);
        }
        if (run.Request.IsOpenInference)
        {
            var tokens = run.Request.Items.Select(i => i.Tokens).ToList();
            return TypedResults.Ok(OipResponseBuilder.Build(run.Model.Name, version, run.Request.Id ?? run.Responses[0].Id,
                run.Model.IsImageModel, run.Request.Outputs, run.Responses, tokens, run.TotalMs));
        }
        return TypedResults.Ok(InferResponse.From(run.Responses[0], run.TotalMs));
    }
}
