using System.Diagnostics;
using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Inference;

/// <summary>The last <see cref="Capacity"/> requests slower than <c>Gateway:SlowRequestMs</c>, newest first, for the ops page.</summary>
public sealed class SlowRequests(IOptions<GatewayOptions> options, TimeProvider time)
{
    public const int Capacity = 20;

    private readonly LinkedList<SlowRequest> _last = new();

    /// <summary>Keeps <paramref name="run"/> when it was slow; a fast request costs one comparison.</summary>
    public void Observe(InferenceRun run, Activity? activity)
    {
        if (run.TotalMs < options.Value.SlowRequestMs)
        {
            return;
        }
        var slowest = run.Outcomes.Select(o => o.Response).Where(r => r is not null)
            .MaxBy(r => r!.Timings.QueueMs + r.Timings.InferenceMs);
        var entry = new SlowRequest(time.GetUtcNow().UtcDateTime, run.Model.Name, run.Outcomes.Count, Math.Round(run.TotalMs, 2),
            slowest?.Timings.QueueMs is { } q ? Math.Round(q, 2) : null, slowest?.Timings.InferenceMs is { } i ? Math.Round(i, 2) : null,
            slowest?.Timings.BatchSize, slowest?.Retries, slowest?.ServerId, run.Failure?.Kind.ToString(), activity?.TraceId.ToHexString());
        lock (_last)
        {
            _last.AddFirst(entry);
            if (_last.Count > Capacity)
            {
                _last.RemoveLast();
            }
        }
    }

    public IReadOnlyList<SlowRequest> Snapshot()
    {
        lock (_last)
        {
            return [.. _last];
        }
    }
}
