namespace OrleansServe.Gateway.Errors;

/// <summary>Adds the <c>error</c> string every client family reads to ProblemDetails the framework writes itself (404 routes, 405…).</summary>
public static class ProblemDetailsCustomizer
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("error"))
        {
            problem.Extensions["error"] = problem.Detail ?? problem.Title ?? $"HTTP {problem.Status}";
        }
        if (problem.Status == StatusCodes.Status404NotFound && problem.Detail is null
            && context.HttpContext.GetEndpoint() is null)
        {
            problem.Detail = $"No endpoint serves {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.";
            problem.Extensions["error"] = problem.Detail;
        }
        problem.Instance ??= context.HttpContext.Request.Path;
    }
}
