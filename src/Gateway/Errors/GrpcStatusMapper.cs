using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OrleansServe.Gateway.Hosting;
using GrpcStatusCode = Grpc.Core.StatusCode;
using RpcStatus = Google.Rpc.Status;

namespace OrleansServe.Gateway.Errors;

/// <summary>
/// gRPC's counterpart of <see cref="ProblemMapper"/>: the same table (<see cref="Problems"/>) decides what a failure
/// is, and the HTTP status it picks becomes a gRPC status code (<see cref="CodeFor"/>). Where REST sends
/// <c>Retry-After</c> (overloaded, unavailable), the status carries a <c>google.rpc.RetryInfo</c> in
/// <c>grpc-status-details-bin</c> and a <c>retry-after</c> trailer in seconds.
/// </summary>
public sealed partial class GrpcStatusMapper(IOptions<GatewayOptions> options, ILogger<GrpcStatusMapper> logger)
{
    public const string RetryAfterTrailer = "retry-after";

    public RpcException Map(Exception exception, ServerCallContext call)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }
        var gateway = options.Value;
        var scratch = Scratch(call);
        var problem = Problems.From(exception, scratch, gateway.OverloadStatus, gateway.RetryAfterSeconds);
        if (problem.StatusCode == StatusCodes.Status500InternalServerError)
        {
            LogFailed(logger, exception, call.Method);
        }
        return ToRpc(problem, scratch);
    }

    /// <summary>Maps a request's failed outcome (a value, not an exception).</summary>
    public RpcException Map(InferenceError error, ServerCallContext call)
    {
        var gateway = options.Value;
        if (error.Kind == InferenceErrorKind.Internal)
        {
            LogFailedOutcome(logger, call.Method, error.Message);
        }
        var scratch = Scratch(call);
        return ToRpc(Problems.FromKind(error.Kind, error.Message, scratch, gateway.OverloadStatus, gateway.RetryAfterSeconds), scratch);
    }

    /// <summary>The gRPC status of an HTTP status the table chose.</summary>
    public static GrpcStatusCode CodeFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType => GrpcStatusCode.InvalidArgument,
        StatusCodes.Status404NotFound => GrpcStatusCode.NotFound,
        StatusCodes.Status408RequestTimeout or StatusCodes.Status504GatewayTimeout => GrpcStatusCode.DeadlineExceeded,
        StatusCodes.Status429TooManyRequests => GrpcStatusCode.ResourceExhausted,
        Problems.ClientClosedRequest => GrpcStatusCode.Cancelled,
        StatusCodes.Status503ServiceUnavailable => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Internal,
    };

    /// <summary>
    /// A context for the table to read and write: aborted when the client cancelled (not when its deadline passed, which
    /// gRPC's own DEADLINE_EXCEEDED answers), and whose <c>Retry-After</c>, when the table sets one, becomes retry info.
    /// </summary>
    private static DefaultHttpContext Scratch(ServerCallContext call)
    {
        var clientGone = call.CancellationToken.IsCancellationRequested && DateTime.UtcNow < call.Deadline;
        return new DefaultHttpContext { RequestAborted = new CancellationToken(clientGone) };
    }

    private static RpcException ToRpc(ProblemHttpResult problem, HttpContext scratch)
    {
        var code = CodeFor(problem.StatusCode);
        var message = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? code.ToString();
        var status = new RpcStatus { Code = (int)code, Message = message };
        var retryAfter = scratch.Response.Headers.RetryAfter.ToString();
        if (int.TryParse(retryAfter, out var seconds))
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) }));
        }
        var exception = status.ToRpcException();
        if (retryAfter.Length > 0)
        {
            exception.Trailers.Add(RetryAfterTrailer, retryAfter);
        }
        return exception;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC {Method} failed: {Message}")]
    private static partial void LogFailedOutcome(ILogger logger, string method, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method);
}
