using Microsoft.AspNetCore.Diagnostics;

namespace OrleansServe.Gateway.Errors;

/// <summary>Turns an exception no endpoint handled into the same ProblemDetails an endpoint would have written.</summary>
public sealed class ProblemExceptionHandler(ProblemMapper mapper) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = mapper.Map(exception, httpContext);
        if (httpContext.Response.HasStarted || httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
