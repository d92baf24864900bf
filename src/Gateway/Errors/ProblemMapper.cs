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

    /// <summary>Maps a request's failed outcome (a value, not an exception) to ProblemDetails.</summary>
    public ProblemHttpResult Map(InferenceError error, HttpContext context)
    {
        var gateway = options.Value;
        if (error.Kind == InferenceErrorKind.Internal)
        {
            LogFailedOutcome(logger, context.Request.Method, context.Request.Path, error.Message);
        }
        return Problems.FromKind(error.Kind, error.Message, context, gateway.OverloadStatus, gateway.RetryAfterSeconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed: {Message}")]
    private static partial void LogFailedOutcome(ILogger logger, string method, PathString path, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
