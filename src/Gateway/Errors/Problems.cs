using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace OrleansServe.Gateway.Errors;

/// <summary>
/// The one place where failures become HTTP: every exception a request can end with maps to a status and a
/// ProblemDetails body carrying an <c>error</c> string (the Open Inference Protocol's error member).
/// </summary>
public static class Problems
{
    /// <summary>Status for a client that went away (nginx's convention; nobody reads it but logs and metrics).</summary>
    public const int ClientClosedRequest = 499;

    public static ProblemHttpResult From(Exception exception, HttpContext context, int overloadStatus = StatusCodes.Status429TooManyRequests, int retryAfterSeconds = 1) =>
        exception switch
        {
            HttpProblemException p => Create(p.StatusCode, p.Title, p.Message),
            InferenceException e => FromKind(e.Kind, e.Message, context, overloadStatus, retryAfterSeconds),
            ServerUnavailableException e => Unavailable($"Server {e.ServerId} is unavailable: {e.Message}", context, retryAfterSeconds),
            SiloUnavailableException => Unavailable("A silo serving the request is unavailable.", context, retryAfterSeconds),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                Create(ClientClosedRequest, "Client closed request", "The client went away; its work was cancelled."),
            OperationCanceledException or TimeoutException =>
                Create(StatusCodes.Status504GatewayTimeout, "Deadline exceeded", "The request's deadline passed before it was served."),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                Create(b.StatusCode, "Payload too large", "The request body is larger than Gateway:MaxBodyBytes."),
            BadHttpRequestException b => Create(b.StatusCode, "Bad request", b.Message),
            JsonException j => Create(StatusCodes.Status400BadRequest, "Invalid JSON", $"The body is not valid JSON: {j.Message}"),
            _ => Create(StatusCodes.Status500InternalServerError, "Internal error", "The request failed unexpectedly."),
        };

    public static ProblemHttpResult FromKind(InferenceErrorKind kind, string message, HttpContext context, int overloadStatus, int retryAfterSeconds)
    {
        switch (kind)
        {
            case InferenceErrorKind.BadInput: return Create(StatusCodes.Status400BadRequest, "Invalid input", message);
            case InferenceErrorKind.TooLarge: return Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", message);
            case InferenceErrorKind.UnknownModel: return Create(StatusCodes.Status404NotFound, "Unknown model", message);
            case InferenceErrorKind.DeadlineExceeded: return Create(StatusCodes.Status504GatewayTimeout, "Deadline exceeded", message);
            case InferenceErrorKind.Cancelled: return Create(ClientClosedRequest, "Client closed request", message);
            case InferenceErrorKind.Internal: return Create(StatusCodes.Status500InternalServerError, "Internal error", message);
            case InferenceErrorKind.Overloaded:
                SetRetryAfter(context, retryAfterSeconds);
                return Create(overloadStatus, "Overloaded", message);
            default: // ModelNotLoaded, ServerUnavailable, Draining
                return Unavailable(message, context, retryAfterSeconds);
        }
    }

    public static ProblemHttpResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["error"] = detail;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult Unavailable(string message, HttpContext context, int retryAfterSeconds)
    {
        SetRetryAfter(context, retryAfterSeconds);
        return Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", message);
    }

    private static void SetRetryAfter(HttpContext context, int seconds) =>
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
