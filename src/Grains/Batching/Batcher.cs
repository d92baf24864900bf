using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Grains.Batching;

/// <summary>
/// Gathers concurrent requests for each model into batches of at most <see cref="BatchingOptions.MaxRequestsPerCall"/>,
/// waiting at most <see cref="BatchingOptions.MaxDelayMs"/> for a batch to fill (with no delay, a batch takes what
/// arrived before the thread pool reached its flush), and routes each batch through the silo's
/// <see cref="BatchRouter"/>. One per silo: the co-hosted gateway calls it in-process (through a grain hop the tiny
/// path served 22k instead of 35k req/s); <see cref="BatcherGrain"/> serves it to other cluster clients.
/// </summary>
public sealed class Batcher(BatchRouter router, IOptions<BatchingOptions> options)
{
    private readonly ConcurrentDictionary<string, ModelBatch> _models = new(StringComparer.Ordinal);

    /// <summary>Queues one request into its model's next batch; completes with its outcome (never throws for a failed request).</summary>
    public Task<InferenceOutcome> InferAsync(string model, InferenceRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new PendingRequest(request, cancellationToken);
        _models.GetOrAdd(model, static (name, owner) => new ModelBatch(owner, name), this).Add(pending);
        return pending.Task;
    }

    private int MaxRequestsPerCall => options.Value.MaxRequestsPerCall;

    private void ScheduleFlush(ModelBatch batch)
    {
        var delayMs = options.Value.MaxDelayMs;
        if (delayMs > 0)
        {
            _ = Task.Delay(delayMs).ContinueWith(static (_, state) => ((ModelBatch)state!).Flush(), batch, TaskScheduler.Default);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Flush(), batch, preferLocal: false);
        }
    }

    private async Task SendAsync(string model, List<PendingRequest> batch)
    {
        using var abandoned = new BatchCancellation(batch.Select(p => p.Cancellation).ToList());
        using var activity = ServeTracing.Source.HasListeners() ? StartBatchSpan(model, batch) : null;
        try
        {
            var outcomes = await router.RouteAsync(model, batch.Select(p => p.Request).ToList(), abandoned.Token);
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

    /// <summary>
    /// The batch's span: a child of the first traced request's span and linked to every request's span, so each
    /// request's trace finds the batch that carried it (one batch span, many requests).
    /// </summary>
    private static Activity? StartBatchSpan(string model, List<PendingRequest> batch)
    {
        var parent = batch.Select(p => p.TraceContext).FirstOrDefault(c => c != default);
        var links = batch.Where(p => p.TraceContext != default).Select(p => new ActivityLink(p.TraceContext)).ToList();
        var activity = ServeTracing.Source.StartActivity("batcher.batch", ActivityKind.Internal, parent, links: links);
        activity?.SetTag(ServeTracing.Model, model);
        activity?.SetTag(ServeTracing.BatchSize, batch.Count);
        return activity;
    }

    /// <summary>The requests of one model waiting for their batch to leave.</summary>
    private sealed class ModelBatch(Batcher owner, string model)
    {
        private readonly List<PendingRequest> _pending = [];
        private bool _flushScheduled;

        public void Add(PendingRequest request)
        {
            List<PendingRequest>? full = null;
            var schedule = false;
            lock (_pending)
            {
                _pending.Add(request);
                if (_pending.Count >= owner.MaxRequestsPerCall)
                {
                    full = TakeLocked();
                }
                else if (!_flushScheduled)
                {
                    schedule = _flushScheduled = true;
                }
            }
            if (full is not null)
            {
                _ = owner.SendAsync(model, full);
            }

            if (schedule)
            {
                owner.ScheduleFlush(this);
            }
        }

        public void Flush()
        {
            while (true)
            {
                List<PendingRequest>? batch;
                lock (_pending)
                {
                    _flushScheduled = false;
                    batch = TakeLocked();
                }
                if (batch is null)
                {
                    return;
                }

                _ = owner.SendAsync(model, batch);
            }
        }

        /// <summary>The next batch, without requests whose callers already went away; null when none wait.</summary>
        private List<PendingRequest>? TakeLocked()
        {
            _pending.RemoveAll(p => p.IsCompleted);
            if (_pending.Count == 0)
            {
                return null;
            }

            var size = Math.Min(_pending.Count, owner.MaxRequestsPerCall);
            var batch = _pending.GetRange(0, size);
            _pending.RemoveRange(0, size);
            return batch;
        }
    }
}
