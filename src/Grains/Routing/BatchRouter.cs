
namespace OrleansServe.Grains.Routing;

/// <summary>
/// Routes a batch to a server chosen by <see cref="ServerScorer"/> among healthy servers that have the model and
/// whose circuit is closed, retries what failed for a retriable reason on another server within the deadline,
/// and feeds each server's circuit breaker. One per silo, shared by the batchers (which call it in-process: a
/// grain hop here cost 10–25 % of the tiny-request throughput) and <see cref="RouterGrain"/>; no per-request
/// call leaves the silo but the one to the chosen server.
/// </summary>
public sealed partial class BatchRouter(
    ServerViewCache view,
    GrainReferences<IModelServerGrain> servers,
    CircuitBreakers breakers,
    SiloWatch watch,
    ServerProbe probe,
    RoutingMetrics metrics,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<BatchRouter> logger)
{
    /// <summary>How long a request waits for a server to appear when none can take it.</summary>
    private const double NoServerPatienceMs = 3000;

    private static readonly TimeSpan ProbeAfter = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);

    public IReadOnlyDictionary<string, CircuitState> Circuits => breakers.States();

    public async Task<IReadOnlyList<InferenceOutcome>> RouteAsync(string model, IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken = default)
    {
        var results = new InferenceOutcome?[batch.Count];
        var pending = Enumerable.Range(0, batch.Count).ToList();
        var tried = new HashSet<string>();
        var started = time.GetTimestamp();
        await WaitForViewAsync(batch, cancellationToken);
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            ExpireOverdue(batch, pending, results);
            if (pending.Count == 0) break;
            InferenceError? noServerError = null;
            var server = attempt > options.Value.MaxRetries ? null : Choose(model, pending.Count, RemainingMs(batch, pending), tried, out noServerError);
            if (server is null && noServerError is not null && await WaitForViewChangeAsync(batch, pending, started, cancellationToken))
            {
                // No server right now (registry moving, model loading, every circuit open): look again on the next view.
                attempt--;
                continue;
            }
            if (server is null)
            {
                var error = noServerError ?? LastErrorOr(results, pending, InferenceErrorKind.ServerUnavailable, "No server could serve the request.");
                foreach (var i in pending) results[i] ??= new InferenceOutcome(null, error);
                break;
            }
            tried.Add(server.ServerId);
            metrics.BatchRouted(pending.Count);
            if (attempt > 0) metrics.Retried(pending.Count);
            pending = await CallAsync(server, model, batch, pending, results, attempt, cancellationToken);
        }
        return results.Select(r => r!).ToList();
    }

    private async Task<List<int>> CallAsync(ServerView server, string model, IReadOnlyList<InferenceRequest> batch, List<int> pending,
        InferenceOutcome?[] results, int attempt, CancellationToken callerToken)
    {
        var breaker = breakers.For(server.ServerId);
        var items = pending.Select(i => batch[i]).ToList();
        var deadline = items.Max(r => r.DeadlineUtc);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(callerToken, watch.Lifetime(server.SiloName));
        cts.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp((deadline - time.GetUtcNow().UtcDateTime).TotalMilliseconds + 250, 1, options.Value.MaxCallMs)));
        view.AddOutstanding(server.ServerId, items.Count);
        try
        {
            var call = servers.Get(server.ServerId).InferAsync(model, items, cts.Token);
            var outcomes = await WatchAsync(call, server.ServerId, cts);
            return Collect(server, breaker, pending, outcomes, results, attempt);
        }
        catch (Exception) when (callerToken.IsCancellationRequested)
        {
            breaker.RecordIgnored();
            foreach (var i in pending) results[i] = InferenceOutcome.Fail(InferenceErrorKind.Cancelled, "The client went away.");
            return [];
        }
        catch (InferenceException ex) when (!ex.IsRetriable)
        {
            breaker.RecordSuccess();
            foreach (var i in pending) results[i] = InferenceOutcome.Fail(ex.Kind, ex.Message);
            return [];
        }
        catch (Exception ex)
        {
            breaker.RecordFailure();
            if (ex is not InferenceException)
            {
                // Not an answer from the server but a failure to reach it: avoid its silo while there is a choice.
                watch.Suspect(server.SiloName);
            }
            LogCallFailed(server.ServerId, ex.GetType().Name, ex.Message);
            foreach (var i in pending) results[i] = InferenceOutcome.Fail(InferenceErrorKind.ServerUnavailable, $"Server {server.ServerId} failed: {ex.Message}");
            return pending;
        }
        finally
        {
            view.AddOutstanding(server.ServerId, -items.Count);
        }
    }

    /// <summary>
    /// Awaits a server call; while it runs past <see cref="ProbeAfter"/>, probes the server, and gives the call up
    /// after two missed probes, so work on a silo that just died is re-routed within about a second, before
    /// membership has declared the death.
    /// </summary>
    private async Task<IReadOnlyList<InferenceOutcome>> WatchAsync(Task<IReadOnlyList<InferenceOutcome>> call, string serverId, CancellationTokenSource cts)
    {
        var missed = 0;
        var wait = ProbeAfter;
        while (!call.IsCompleted && !await CompletesWithinAsync(call, wait))
        {
            wait = ProbeEvery;
            missed = await probe.IsResponsiveAsync(serverId) ? 0 : missed + 1;
            if (missed >= 2)
            {
                cts.Cancel();
                _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw new ServerUnavailableException(serverId, $"Server {serverId} stopped answering.");
            }
        }
        return await call;
    }

    /// <summary>Waits for the call or the time, whichever comes first; the timer is released as soon as the call ends.</summary>
    private async Task<bool> CompletesWithinAsync(Task call, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        var delay = Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);
        var first = await Task.WhenAny(call, delay);
        return first == call;
    }

    private static List<int> Collect(ServerView server, CircuitBreaker breaker, List<int> pending, IReadOnlyList<InferenceOutcome> outcomes,
        InferenceOutcome?[] results, int attempt)
    {
        var retry = new List<int>();
        var failed = false;
        for (var k = 0; k < pending.Count; k++)
        {
            var i = pending[k];
            var outcome = outcomes[k];
            if (outcome.Response is { } response)
            {
                results[i] = attempt == 0 ? outcome : InferenceOutcome.Ok(response with { Retries = attempt });
                continue;
            }
            results[i] = outcome;
            var kind = outcome.Error!.Kind;
            failed |= kind == InferenceErrorKind.Internal;
            if (kind is InferenceErrorKind.Overloaded or InferenceErrorKind.Draining or InferenceErrorKind.ServerUnavailable
                or InferenceErrorKind.ModelNotLoaded or InferenceErrorKind.Internal)
            {
                retry.Add(i);
            }
        }
        if (failed) breaker.RecordFailure(); else breaker.RecordSuccess();
        return retry;
    }

    private ServerView? Choose(string model, int batchSize, double remainingMs, HashSet<string> tried, out InferenceError? noServerError)
    {
        noServerError = null;
        var withModel = view.Servers.Where(s => s.Healthy && s.Report is { Draining: false } r && r.Models.Contains(model)).ToList();
        if (withModel.Count == 0)
        {
            noServerError = new InferenceError(InferenceErrorKind.ModelNotLoaded, $"No live server has model '{model}' loaded.");
            return null;
        }
        var open = withModel.Where(s => breakers.For(s.ServerId).IsAvailable).ToList();
        if (open.Count == 0)
        {
            noServerError = new InferenceError(InferenceErrorKind.ServerUnavailable, $"Every server with model '{model}' has an open circuit.");
            return null;
        }
        var fresh = open.Where(s => !tried.Contains(s.ServerId)).ToList();
        var candidates = fresh.Count > 0 ? fresh : open;
        var now = time.GetUtcNow().UtcDateTime;
        var unmeasuredMs = candidates.Select(s => ServerScorer.MeasuredMs(s.Report!, model)).Min() ?? ServerScorer.DefaultServiceMs;
        var scored = candidates.Select(s => (s, ServerScorer.Score(s.Report!, model, batchSize, view.Outstanding(s.ServerId), now, unmeasuredMs)
            + (watch.IsSuspect(s.SiloName) ? ServerScorer.SuspectPenaltyMs : 0))).ToList();
        var chosen = ServerScorer.Pick(scored, remainingMs, Random.Shared);
        if (chosen is not null && !breakers.For(chosen.ServerId).TryAcquire())
        {
            chosen = candidates.FirstOrDefault(s => s != chosen && breakers.For(s.ServerId).TryAcquire());
        }
        noServerError = chosen is null ? new InferenceError(InferenceErrorKind.ServerUnavailable, $"No server with model '{model}' is available.") : null;
        return chosen;
    }

    /// <summary>Waits one view refresh when the deadline and <see cref="NoServerPatienceMs"/> allow; false when it is time to give up.</summary>
    private async Task<bool> WaitForViewChangeAsync(IReadOnlyList<InferenceRequest> batch, List<int> pending, long started, CancellationToken cancellationToken)
    {
        var pause = options.Value.ViewRefreshMs;
        if (time.GetElapsedTime(started).TotalMilliseconds + pause > NoServerPatienceMs || RemainingMs(batch, pending) < pause) return false;
        await Task.Delay(TimeSpan.FromMilliseconds(pause), time, cancellationToken);
        return true;
    }

    private async Task WaitForViewAsync(IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken)
    {
        if (view.FirstView.IsCompleted) return;
        var wait = batch.Min(r => r.DeadlineUtc) - time.GetUtcNow().UtcDateTime;
        try
        {
            await view.FirstView.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    private void ExpireOverdue(IReadOnlyList<InferenceRequest> batch, List<int> pending, InferenceOutcome?[] results)
    {
        var now = time.GetUtcNow().UtcDateTime;
        pending.RemoveAll(i =>
        {
            if (batch[i].DeadlineUtc > now) return false;
            results[i] = InferenceOutcome.Fail(InferenceErrorKind.DeadlineExceeded, "The request's deadline passed before a server could serve it.");
            return true;
        });
    }

    private double RemainingMs(IReadOnlyList<InferenceRequest> batch, List<int> pending) =>
        pending.Min(i => (batch[i].DeadlineUtc - time.GetUtcNow().UtcDateTime).TotalMilliseconds);

    private static InferenceError LastErrorOr(InferenceOutcome?[] results, List<int> pending, InferenceErrorKind kind, string message) =>
        pending.Select(i => results[i]?.Error).FirstOrDefault(e => e is not null) ?? new InferenceError(kind, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call to server {ServerId} failed ({ExceptionType}: {Reason}); retrying elsewhere")]
    private partial void LogCallFailed(string serverId, string exceptionType, string reason);
}
