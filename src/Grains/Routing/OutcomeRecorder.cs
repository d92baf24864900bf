namespace OrleansServe.Grains.Routing;

/// <summary>
/// The one writer of the router's health state: what each server call came to feeds that server's circuit breaker
/// (an unexpected error or an unreachable server is a failure; an answer, even Overloaded, is not; a caller that
/// left counts for nothing) and marks an unreachable server's silo suspect. It also decides, by the one retry rule
/// (<see cref="InferenceErrorKinds.IsRetriable"/>), which requests go again, and counts routed and retried work.
/// </summary>
public sealed partial class OutcomeRecorder(CircuitBreakers breakers, SiloWatch watch, RoutingMetrics metrics, ILogger<OutcomeRecorder> logger)
{
    public void Routed(int requests, int attempt)
    {
        metrics.BatchRouted(requests);
        if (attempt > 0)
        {
            metrics.Retried(requests);
        }
    }

    /// <summary>Records the server's answers into <paramref name="results"/>; returns the requests to try again elsewhere.</summary>
    public List<int> Answered(ServerView server, List<int> pending, IReadOnlyList<InferenceOutcome> outcomes, InferenceOutcome?[] results, int attempt)
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
            failed |= outcome.Error!.Kind == InferenceErrorKind.Internal;
            if (outcome.Error.Kind.IsRetriable())
            {
                retry.Add(i);
            }
        }
        if (failed)
        {
            breakers.For(server.ServerId).RecordFailure();
        }
        else
        {
            breakers.For(server.ServerId).RecordSuccess();
        }

        return retry;
    }

    /// <summary>The server could not be reached: a failure of its circuit, its silo suspect; every request goes again.</summary>
    public List<int> Unreachable(ServerView server, Exception error, List<int> pending, InferenceOutcome?[] results)
    {
        breakers.For(server.ServerId).RecordFailure();
        watch.Suspect(server.SiloName);
        LogCallFailed(server.ServerId, error.GetType().Name, error.Message);
        foreach (var i in pending)
        {
            results[i] = InferenceOutcome.Fail(InferenceErrorKind.ServerUnavailable, $"Server {server.ServerId} failed: {error.Message}");
        }

        return pending;
    }

    /// <summary>The caller went away during the call: nothing is held against the server.</summary>
    public void Abandoned(ServerView server, List<int> pending, InferenceOutcome?[] results)
    {
        breakers.For(server.ServerId).RecordIgnored();
        foreach (var i in pending)
        {
            results[i] = InferenceOutcome.Fail(InferenceErrorKind.Cancelled, "The client went away.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call to server {ServerId} failed ({ExceptionType}: {Reason}); retrying elsewhere")]
    private partial void LogCallFailed(string serverId, string exceptionType, string reason);
}
