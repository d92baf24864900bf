using Orleans.Concurrency;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Grains.Batching;

/// <summary>
/// Gathers concurrent requests for one model (its key) into batches of at most <see cref="BatchingOptions.MaxBatchSize"/>,
/// waiting at most <see cref="BatchingOptions.MaxDelayMs"/> for a batch to fill, and routes each batch through the
/// silo's <see cref="BatchRouter"/> (in-process). One activation per silo core (a local stateless worker), so the
/// request path never leaves the silo until the router calls the chosen server.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class BatcherGrain(BatchRouter router, IOptions<BatchingOptions> options) : Grain, IBatcherGrain
{
    private readonly List<PendingRequest> _pending = [];
    private bool _flushScheduled;

    public Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new PendingRequest(request, cancellationToken);
        _pending.Add(pending);
        if (_pending.Count >= options.Value.MaxBatchSize)
        {
            Flush();
        }
        else if (!_flushScheduled)
        {
            _flushScheduled = true;
            _ = FlushSoonAsync();
        }
        return pending.Task;
    }

    private async Task FlushSoonAsync()
    {
        if (options.Value.MaxDelayMs > 0)
        {
            await Task.Delay(options.Value.MaxDelayMs);
        }
        else
        {
            await Task.Yield();
        }
        _flushScheduled = false;
        Flush();
    }

    private void Flush()
    {
        _pending.RemoveAll(p => p.IsCompleted);
        while (_pending.Count > 0)
        {
            var size = Math.Min(_pending.Count, options.Value.MaxBatchSize);
            var batch = _pending.GetRange(0, size);
            _pending.RemoveRange(0, size);
            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<PendingRequest> batch)
    {
        using var abandoned = new BatchCancellation(batch.Select(p => p.Cancellation).ToList());
        try
        {
            var outcomes = await router.RouteAsync(this.GetPrimaryKeyString(), batch.Select(p => p.Request).ToList(), abandoned.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(outcomes[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
    }
}
