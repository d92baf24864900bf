namespace OrleansServe.Grains.Routing;

/// <summary>
/// Routes a batch: the one retry layer of the request path. Each attempt takes a server from
/// <see cref="ServerChooser"/>, calls it through <see cref="ServerCall"/> and hands what came back to
/// <see cref="OutcomeRecorder"/>, which says what to try again; a request is tried at most
/// 1 + <see cref="RouterOptions.MaxRetries"/> times, on servers not yet tried while there are any, never past its
/// deadline; an attempt whose server was lost (unreachable, not an answer) does not count, and the next one goes a
/// view refresh later. When no server can take the batch (the registry is moving, a model loading, every circuit open) it
/// looks again on the next view for up to 3 s. One per silo, shared by the batchers (which call it in-process: a
/// grain hop here cost 10–25 % of the tiny-request throughput) and <see cref="RouterGrain"/>.
/// </summary>
public sealed class BatchRouter(ServerChooser chooser, ServerCall call, OutcomeRecorder recorder, IOptions<RouterOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default)
    {
        var results = new InferenceOutcome?[batch.Count];
        var pending = Enumerable.Range(0, batch.Count).ToList();
        var tried = new HashSet<string>();
        var started = time.GetTimestamp();
        var waitedToRepeat = false;
        var maxRetries = options.Value.MaxRetries;
        await chooser.WaitForFirstViewAsync(batch.Min(r => r.DeadlineUtc), cancellationToken);
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            ExpireOverdue(batch, pending, results);
            if (pending.Count == 0)
            {
                break;
            }

            if (attempt > 0 && !waitedToRepeat && attempt <= maxRetries && !chooser.HasUntried(model, tried))
            {
                // Every server that could take it was tried: give membership and the circuits one view refresh to
                // catch up (a dead silo declared, a breaker opened) before trying one of them again.
                waitedToRepeat = true;
                await chooser.WaitForViewChangeAsync(started, RemainingMs(batch, pending), cancellationToken);
                ExpireOverdue(batch, pending, results);
                if (pending.Count == 0)
                {
                    break;
                }
            }
            InferenceError? noServer = null;
            var server = attempt > maxRetries ? null : chooser.Choose(model, pending.Count, RemainingMs(batch, pending), tried, out noServer);
            if (server is null && noServer is not null && await chooser.WaitForViewChangeAsync(started, RemainingMs(batch, pending), cancellationToken))
            {
                attempt--;
                continue;
            }
            if (server is null)
            {
                var error = noServer ?? LastErrorOr(results, pending, InferenceErrorKind.ServerUnavailable, "No server could serve the request.");
                foreach (var i in pending)
                {
                    results[i] ??= new InferenceOutcome(null, error);
                }

                break;
            }
            tried.Add(server.ServerId);
            recorder.Routed(pending.Count, attempt);
            (pending, var lost) = await AttemptAsync(server, model, batch, pending, results, attempt, cancellationToken);
            if (lost && pending.Count > 0 && await chooser.PauseAsync(RemainingMs(batch, pending), cancellationToken))
            {
                // A lost server cost no server's work, so it does not use up the budget (which bounds the work that
                // busy servers refuse). During a partition, calls to healthy silos can stall too until membership
                // declares the cut-off silo dead; the pause keeps the pace of such attempts at one a view refresh.
                maxRetries++;
            }
        }
        return results.Select(r => r!).ToList();
    }

    private async Task<(List<int> Pending, bool Lost)> AttemptAsync(ServerView server, string model, IReadOnlyList<InferenceRequest> batch, List<int> pending,
        InferenceOutcome?[] results, int attempt, CancellationToken cancellationToken)
    {
        var items = pending.Select(i => batch[i]).ToList();
        using var reservation = chooser.Reserve(server, items.Count);
        try
        {
            var outcomes = await call.InferAsync(server, model, items, cancellationToken);
            return (recorder.Answered(server, pending, outcomes, results, attempt), false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            recorder.Abandoned(server, pending, results);
            return ([], false);
        }
        catch (Exception ex)
        {
            return (recorder.Unreachable(server, ex, pending, results), true);
        }
    }

    private void ExpireOverdue(IReadOnlyList<InferenceRequest> batch, List<int> pending, InferenceOutcome?[] results)
    {
        var now = time.GetUtcNow().UtcDateTime;
        pending.RemoveAll(i =>
        {
            if (batch[i].DeadlineUtc > now)
            {
                return false;
            }

            results[i] = InferenceOutcome.Fail(InferenceErrorKind.DeadlineExceeded, "The request's deadline passed before a server could serve it.");
            return true;
        });
    }

    private double RemainingMs(IReadOnlyList<InferenceRequest> batch, List<int> pending) =>
        pending.Min(i => (batch[i].DeadlineUtc - time.GetUtcNow().UtcDateTime).TotalMilliseconds);

    private static InferenceError LastErrorOr(InferenceOutcome?[] results, List<int> pending, InferenceErrorKind kind, string message) =>
        pending.Select(i => results[i]?.Error).FirstOrDefault(e => e is not null) ?? new InferenceError(kind, message);
}
