using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Errors;

/// <summary>Maps an exception to ProblemDetails with the configured overload status, logging the unexpected ones.</summary>
public sealed partial class ProblemMapper(IOptions<GatewayOptions> options, ILogger<ProblemMapper> logger)
{
    public ProblemHttpResult Map(Exception exception, HttpContext context)
    {
        var gateway = options.Value;
        var result = Problems.From(exception, context, gateway.OverloadStatus, gateway.RetryAfterSeconds);
        if (result.StatusCode == StatusCodes.Status500InternalServerError)
        {
            LogFailed(logger, exception, context.Request.Method, context.Request.Path);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
