using System.Diagnostics;

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
    public Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default)
    {
        var activity = ServeTracing.Source.StartActivity("router.route");
        return activity is null ? RouteAsync(model, batch, null, cancellationToken) : TracedAsync(model, batch, activity, cancellationToken);
    }

    /// <summary>The route under its span (a separate method, so an untraced route pays no extra state machine).</summary>
    private async Task<IReadOnlyList<InferenceOutcome>> TracedAsync(string model, IReadOnlyList<InferenceRequest> batch, Activity span, CancellationToken cancellationToken)
    {
        using (span)
        {
            span.SetTag(ServeTracing.Model, model);
            span.SetTag(ServeTracing.BatchSize, batch.Count);
            return await RouteAsync(model, batch, span, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, Activity? activity,
        CancellationToken cancellationToken)
    {
        var tried = new HashSet<string>();
        var attempts = 0;
        var results = new InferenceOutcome?[batch.Count];
        var pending = Enumerable.Range(0, batch.Count).ToList();
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
            var choice = attempt == 0 ? "first" : tried.Contains(server.ServerId) ? "same server again" : "another server";
            tried.Add(server.ServerId);
            attempts++;
            recorder.Routed(pending.Count, attempt);
            using var span = StartAttemptSpan(server, pending.Count, attempt, choice);
            (pending, var lost) = await AttemptAsync(server, model, batch, pending, results, attempt, cancellationToken);
            span?.SetTag(ServeTracing.Outcome, pending.Count == 0 ? "done" : lost ? $"server lost, {pending.Count} to retry" : $"{pending.Count} to retry");
            if (lost && pending.Count > 0 && await chooser.PauseAsync(RemainingMs(batch, pending), cancellationToken))
            {
                // A lost server cost no server's work, so it does not use up the budget (which bounds the work that
                // busy servers refuse). During a partition, calls to healthy silos can stall too until membership
                // declares the cut-off silo dead; the pause keeps the pace of such attempts at one a view refresh.
                maxRetries++;
            }
        }
        if (activity is not null)
        {
            activity.SetTag(ServeTracing.Attempts, attempts);
            activity.SetTag(ServeTracing.Retries, Math.Max(0, attempts - 1));
            activity.SetTag(ServeTracing.Servers, string.Join(",", tried));
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>One server call of the batch, with the server chosen and why (its parent is the route's span).</summary>
    private static Activity? StartAttemptSpan(ServerView server, int requests, int attempt, string choice)
    {
        var activity = ServeTracing.Source.StartActivity("router.attempt", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(ServeTracing.ServerId, server.ServerId);
            activity.SetTag(ServeTracing.Silo, server.SiloName);
            activity.SetTag(ServeTracing.Attempt, attempt);
            activity.SetTag(ServeTracing.Choice, choice);
            activity.SetTag(ServeTracing.BatchSize, requests);
        }
        return activity;
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
