using Orleans.Runtime;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Metrics;
using OrleansServe.Grains.Batching;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// Sends parsed work to the <see cref="Batcher"/> of the silo the gateway co-hosts (in-process), one request per item,
/// with the request's deadline and cancellation. The router already retries on other servers; this retries once more when a server's silo died
/// under the call (never when the cluster sheds load), as long as the deadline allows.
/// </summary>
public sealed partial class InferenceInvoker(Batcher batcher, IOptions<GatewayOptions> options, GatewayMetrics metrics,
    TimeProvider time, ILogger<InferenceInvoker> logger)
{
    public Task<InferenceResponse[]> InferAsync(string model, IReadOnlyList<InferenceItem> items, int topK, RequestDeadline deadline, CancellationToken cancellationToken)
    {
        if (items.Count == 1)
        {
            return One(model, items[0], topK, deadline, cancellationToken);
        }
        return Task.WhenAll(items.Select(item => InferOneAsync(model, item, topK, deadline, cancellationToken)));

        async Task<InferenceResponse[]> One(string m, InferenceItem i, int k, RequestDeadline d, CancellationToken c) =>
            [await InferOneAsync(m, i, k, d, c)];
    }

    private async Task<InferenceResponse> InferOneAsync(string model, InferenceItem item, int topK,
        RequestDeadline deadline, CancellationToken cancellationToken)
    {
        var request = new InferenceRequest(Guid.NewGuid().ToString("N"), model, item.Image, item.Tokens, topK, deadline.Utc);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await batcher.InferAsync(model, request, cancellationToken);
                return attempt == 0 ? response : response with { Retries = response.Retries + attempt };
            }
            catch (Exception e) when (IsServerLoss(e) && attempt < options.Value.MaxRetries
                && !cancellationToken.IsCancellationRequested && deadline.Remaining(time) > TimeSpan.FromMilliseconds(50))
            {
                metrics.Retried(model);
                LogRetry(logger, e, model, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(25 * (attempt + 1)), time, cancellationToken);
            }
        }
    }

    /// <summary>Failures where another server may succeed: its silo died or it was draining. Overload is shed, not retried.</summary>
    private static bool IsServerLoss(Exception e) => e switch
    {
        InferenceException ie => ie.Kind is InferenceErrorKind.ServerUnavailable or InferenceErrorKind.Draining,
        ServerUnavailableException or SiloUnavailableException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying a {Model} request after a lost server (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, Exception exception, string model, int attempt);
}
