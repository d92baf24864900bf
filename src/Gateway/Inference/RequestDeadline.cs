using System.Globalization;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Inference;

/// <summary>A request's deadline: <c>Gateway:TimeoutMs</c>, or the client's <c>X-Timeout-Ms</c> header (capped by <c>Gateway:MaxTimeoutMs</c>).</summary>
public readonly record struct RequestDeadline(DateTime Utc, TimeSpan Timeout)
{
    public static RequestDeadline For(HttpRequest request, GatewayOptions options, TimeProvider time)
    {
        var timeoutMs = options.TimeoutMs;
        if (request.Headers.TryGetValue(options.TimeoutHeader, out var header))
        {
            if (!int.TryParse(header.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out timeoutMs) || timeoutMs < 1 || timeoutMs > options.MaxTimeoutMs)
            {
                throw HttpProblemException.BadRequest($"{options.TimeoutHeader} must be a whole number of milliseconds between 1 and {options.MaxTimeoutMs}.");
            }
        }
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        return new RequestDeadline(time.GetUtcNow().UtcDateTime + timeout, timeout);
    }

    /// <summary>
    /// A deadline the client set on its call (gRPC's <c>grpc-timeout</c>), capped by <c>Gateway:MaxTimeoutMs</c>;
    /// <see cref="DateTime.MaxValue"/> (none set) means <c>Gateway:TimeoutMs</c>.
    /// </summary>
    public static RequestDeadline ForClient(DateTime clientDeadlineUtc, GatewayOptions options, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timeout = clientDeadlineUtc == DateTime.MaxValue
            ? TimeSpan.FromMilliseconds(options.TimeoutMs)
            : TimeSpan.FromMilliseconds(Math.Clamp((clientDeadlineUtc - now).TotalMilliseconds, 1, options.MaxTimeoutMs));
        return new RequestDeadline(now + timeout, timeout);
    }

    public TimeSpan Remaining(TimeProvider time) => Utc - time.GetUtcNow().UtcDateTime;
}
