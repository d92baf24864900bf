using OrleansServe.Grains.Batching;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// Sends parsed work to the <see cref="Batcher"/> of the silo the gateway co-hosts (in-process), one request per item,
/// with the request's deadline and cancellation. It does not retry: the router is the request path's one retry layer.
/// </summary>
public sealed class InferenceInvoker(Batcher batcher)
{
    public Task<InferenceResponse[]> InferAsync(string model, IReadOnlyList<InferenceItem> items, int topK, RequestDeadline deadline, CancellationToken cancellationToken)
    {
        if (items.Count == 1)
        {
            return One(Request(model, items[0], topK, deadline));
        }
        return Task.WhenAll(items.Select(item => batcher.InferAsync(model, Request(model, item, topK, deadline), cancellationToken)));

        async Task<InferenceResponse[]> One(InferenceRequest request) => [await batcher.InferAsync(model, request, cancellationToken)];
    }

    private static InferenceRequest Request(string model, InferenceItem item, int topK, RequestDeadline deadline) =>
        new(Guid.NewGuid().ToString("N"), model, item.Image, item.Tokens, topK, deadline.Utc);
}
