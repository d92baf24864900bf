namespace OrleansServe.Gateway.Errors;

/// <summary>
/// The edge of the request path: an exception an endpoint ends with becomes its ProblemDetails here, through
/// <see cref="ProblemMapper"/>, while the endpoint is still known (route labels in metrics stay true). Endpoints
/// catch nothing themselves; <see cref="ProblemExceptionHandler"/> covers what fails outside an endpoint.
/// </summary>
public sealed class ProblemEndpointFilter(ProblemMapper mapper) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e)
        {
            return mapper.Map(e, context.HttpContext);
        }
    }
}
