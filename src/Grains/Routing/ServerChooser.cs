namespace OrleansServe.Grains.Routing;

/// <summary>
/// Health and choice: which server takes a batch. Candidates are the healthy, non-draining servers of this silo's
/// view that have the model and whose circuit admits traffic (untried ones first); <see cref="ServerScorer"/> scores
/// them, a silo that just failed a call scores <see cref="ServerScorer.SuspectPenaltyMs"/> worse, and power of two
/// choices with the deadline filter picks. It reads health (view, circuits, suspect silos) and writes none of it.
/// </summary>
public sealed class ServerChooser(ServerViewCache view, CircuitBreakers breakers, SiloWatch watch, IOptions<RouterOptions> options, TimeProvider time)
{
    /// <summary>How long a request waits for a server to appear when none can take it.</summary>
    private const double NoServerPatienceMs = 3000;

    /// <summary>Whether a server not in <paramref name="tried"/> could take <paramref name="model"/> now.</summary>
    public bool HasUntried(string model, IReadOnlySet<string> tried) =>
        view.Servers.Any(s => Serves(s, model) && !tried.Contains(s.ServerId) && breakers.For(s.ServerId).IsAvailable);

    /// <summary>A server for <paramref name="batchSize"/> requests of <paramref name="model"/>, or null and why none.</summary>
    public ServerView? Choose(string model, int batchSize, double remainingMs, IReadOnlySet<string> tried, out InferenceError? noServer)
    {
        noServer = null;
        var withModel = view.Servers.Where(s => Serves(s, model)).ToList();
        if (withModel.Count == 0)
        {
            noServer = new InferenceError(InferenceErrorKind.ModelNotLoaded, $"No live server has model '{model}' loaded.");
            return null;
        }
        var open = withModel.Where(s => breakers.For(s.ServerId).IsAvailable).ToList();
        if (open.Count == 0)
        {
            noServer = new InferenceError(InferenceErrorKind.ServerUnavailable, $"Every server with model '{model}' has an open circuit.");
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
        noServer = chosen is null ? new InferenceError(InferenceErrorKind.ServerUnavailable, $"No server with model '{model}' is available.") : null;
        return chosen;
    }

    /// <summary>A healthy server that is not draining and has <paramref name="model"/> loaded.</summary>
    private static bool Serves(ServerView server, string model) =>
        server.Healthy && server.Report is { Draining: false } report && report.Models.Contains(model);

    /// <summary>Counts <paramref name="requests"/> as sent to <paramref name="server"/> until disposed (the score's in-flight term).</summary>
    public Reservation Reserve(ServerView server, int requests)
    {
        view.AddOutstanding(server.ServerId, requests);
        return new Reservation(view, server.ServerId, requests);
    }

    /// <summary>Waits, within the deadline, for this silo's first view of the registry.</summary>
    public async Task WaitForFirstViewAsync(DateTime deadlineUtc, CancellationToken cancellationToken)
    {
        if (view.FirstView.IsCompleted)
        {
            return;
        }

        var wait = deadlineUtc - time.GetUtcNow().UtcDateTime;
        try
        {
            await view.FirstView.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>
    /// Waits one view refresh when neither the request's time left nor <see cref="NoServerPatienceMs"/> since
    /// <paramref name="started"/> runs out first; false when it is time to give up.
    /// </summary>
    public async Task<bool> WaitForViewChangeAsync(long started, double remainingMs, CancellationToken cancellationToken)
    {
        var pause = options.Value.ViewRefreshMs;
        if (time.GetElapsedTime(started).TotalMilliseconds + pause > NoServerPatienceMs || remainingMs < pause)
        {
            return false;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(pause), time, cancellationToken);
        return true;
    }

    /// <summary>Waits one view refresh, unless the request's time left is shorter; says whether it waited.</summary>
    public async Task<bool> PauseAsync(double remainingMs, CancellationToken cancellationToken)
    {
        var pause = options.Value.ViewRefreshMs;
        if (remainingMs < pause)
        {
            return false;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(pause), time, cancellationToken);
        return true;
    }

    /// <summary>Requests counted against a server while a call to it runs.</summary>
    public readonly struct Reservation(ServerViewCache view, string serverId, int requests) : IDisposable
    {
        public void Dispose() => view.AddOutstanding(serverId, -requests);
    }
}
