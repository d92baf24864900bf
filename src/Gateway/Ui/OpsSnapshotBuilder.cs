namespace OrleansServe.Gateway.Ui;

/// <summary>
/// Turns registry views into ops frames. Servers report counts per report period (about a second); requests/s is the
/// counts of a server's reports of the last <see cref="RateWindow"/> over the time they cover (one report alone is too
/// noisy at a few requests a second). Every report seen once adds to the totals.
/// Not thread-safe: one producer loop calls it.
/// </summary>
public sealed class OpsSnapshotBuilder
{
    /// <summary>A report older than this counts as silence: the server's rates read zero.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(3);

    /// <summary>Reports this recent make a server's rates.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ServerTrack> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Requests, long Errors)> _totals = new(StringComparer.Ordinal);

    public OpsSnapshot Build(DateTime nowUtc, IReadOnlyList<ServerView>? servers, IReadOnlyDictionary<string, CircuitState> circuits,
        IReadOnlyList<SiloMember> members, PredictorError? predictor, string? predictorProblem, string? registryProblem)
    {
        var views = servers ?? [];
        var serverSnapshots = views.ToDictionary(v => v.ServerId, v => Server(nowUtc, v, circuits), StringComparer.Ordinal);
        ForgetGone(views);

        var silos = new List<SiloSnapshot>();
        var bySilo = views.GroupBy(v => v.SiloName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var member in members.Where(m => m.Status != "Dead" || bySilo.ContainsKey(m.Name)))
        {
            silos.Add(Silo(member.Name, member.Address, member.Status, bySilo.GetValueOrDefault(member.Name) ?? [], serverSnapshots));
        }
        foreach (var (name, list) in bySilo.Where(kv => members.All(m => m.Name != kv.Key)))
        {
            // Listed by the registry but not (yet, or any more) in this gateway's membership view.
            silos.Add(Silo(name, list[0].SiloAddress, "Unknown", list, serverSnapshots));
        }
        silos.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var models = Models(serverSnapshots.Values);
        var replicas = views.Count(v => v.Healthy && v.Report is { Draining: false });
        var point = new HistoryPoint(
            new DateTimeOffset(nowUtc, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            models.ToDictionary(kv => kv.Key, kv => new ModelPoint(Round(kv.Value.RequestsPerSecond), Round(kv.Value.ErrorsPerSecond), kv.Value.P50Ms, kv.Value.P99Ms)),
            serverSnapshots.Values.ToDictionary(s => s.ServerId, s => s.QueueLength),
            replicas,
            silos.Count(s => s.Status == "Active"),
            silos.Where(s => s.CpuPercent is not null).ToDictionary(s => s.Name, s => s.CpuPercent!.Value, StringComparer.Ordinal),
            silos.Where(s => s.MemoryMb is not null).ToDictionary(s => s.Name, s => s.MemoryMb!.Value, StringComparer.Ordinal));
        return new OpsSnapshot(point.T, silos, models, point, predictor, predictorProblem, registryProblem);
    }

    private ServerSnapshot Server(DateTime nowUtc, ServerView view, IReadOnlyDictionary<string, CircuitState> circuits)
    {
        var report = view.Report;
        if (!_tracks.TryGetValue(view.ServerId, out var track))
        {
            _tracks[view.ServerId] = track = new ServerTrack();
        }
        if (report is not null && report.TimestampUtc > track.LastReportUtc)
        {
            var period = track.LastReportUtc == default ? 1.0 : (report.TimestampUtc - track.LastReportUtc).TotalSeconds;
            if (period is <= 0.05 or > 10)
            {
                period = 1.0;
            }
            track.LastReportUtc = report.TimestampUtc;
            track.Window.Enqueue((report.TimestampUtc, period, report.PerModel));
            while (track.Window.Peek().At < report.TimestampUtc - RateWindow)
            {
                track.Window.Dequeue();
            }
            var covered = track.Window.Sum(w => w.Period);
            track.Rates.Clear();
            foreach (var (model, stats) in report.PerModel)
            {
                var requests = track.Window.Sum(w => w.Counts.GetValueOrDefault(model)?.Requests ?? 0);
                var errors = track.Window.Sum(w => w.Counts.GetValueOrDefault(model)?.Errors ?? 0);
                track.Rates[model] = (requests / covered, errors / covered, requests > 0);
                var total = _totals.GetValueOrDefault(model);
                _totals[model] = (total.Requests + stats.Requests, total.Errors + stats.Errors);
            }
        }
        var age = report is null ? (double?)null : Math.Max(0, (nowUtc - report.TimestampUtc).TotalSeconds);
        var stale = age is null || age > StaleAfter.TotalSeconds;
        var perModel = new Dictionary<string, ModelSnapshot>(StringComparer.Ordinal);
        foreach (var (model, stats) in report?.PerModel ?? new Dictionary<string, ModelStats>())
        {
            var (rps, eps, served) = stale ? (0, 0, false) : track.Rates.GetValueOrDefault(model);
            perModel[model] = new ModelSnapshot(Round(rps), Round(eps), served ? Round(stats.P50Ms) : null, served ? Round(stats.P99Ms) : null,
                0, 0, report!.Models.Contains(model) ? 1 : 0);
        }
        return new ServerSnapshot(view.ServerId, report?.Models ?? [], report?.QueueLength ?? 0, report?.InFlight ?? 0, report?.Workers ?? 0,
            Round(report?.ExpectedWaitMs ?? 0),
            Round(perModel.Values.Sum(m => m.RequestsPerSecond)), Round(perModel.Values.Sum(m => m.ErrorsPerSecond)), perModel,
            circuits.GetValueOrDefault(view.ServerId, CircuitState.Closed).ToString(), view.Healthy, view.Reason, report?.Draining ?? false,
            age is null ? null : Math.Round(age.Value, 1));
    }

    private static SiloSnapshot Silo(string name, string address, string status, List<ServerView> views, Dictionary<string, ServerSnapshot> servers)
    {
        var latest = views.Select(v => v.Report).Where(r => r is not null).MaxBy(r => r!.TimestampUtc);
        return new SiloSnapshot(name, address, status, latest?.Cores ?? 0, latest is null ? null : Round(latest.CpuPercent),
            latest is null ? null : Round(latest.MemoryMb),
            views.OrderBy(v => v.ServerId, StringComparer.Ordinal).Select(v => servers[v.ServerId]).ToList());
    }

    private Dictionary<string, ModelSnapshot> Models(IEnumerable<ServerSnapshot> servers)
    {
        var result = new Dictionary<string, ModelSnapshot>(StringComparer.Ordinal);
        var list = servers.ToList();
        var names = list.SelectMany(s => s.Models.Concat(s.PerModel.Keys)).Concat(_totals.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var model in names)
        {
            var rows = list.Select(s => s.PerModel.GetValueOrDefault(model)).Where(m => m is not null).Select(m => m!).ToList();
            var rps = rows.Sum(m => m.RequestsPerSecond);
            var served = rows.Where(m => m.P50Ms is not null && m.RequestsPerSecond > 0).ToList();
            double? avg = served.Count == 0 ? null : Round(served.Sum(m => m.P50Ms!.Value * m.RequestsPerSecond) / served.Sum(m => m.RequestsPerSecond));
            double? p99 = served.Count == 0 ? null : served.Max(m => m.P99Ms);
            var total = _totals.GetValueOrDefault(model);
            result[model] = new ModelSnapshot(Round(rps), Round(rows.Sum(m => m.ErrorsPerSecond)), avg, p99, total.Requests, total.Errors,
                list.Count(s => s.Models.Contains(model) && s.Healthy && !s.Draining));
        }
        return result;
    }

    private void ForgetGone(IReadOnlyList<ServerView> views)
    {
        foreach (var gone in _tracks.Keys.Where(id => views.All(v => v.ServerId != id)).ToList())
        {
            _tracks.Remove(gone);
        }
    }

    private static double Round(double value) => Math.Round(value, 2);

    private sealed class ServerTrack
    {
        public DateTime LastReportUtc { get; set; }

        public Dictionary<string, (double Rps, double Eps, bool Served)> Rates { get; } = new(StringComparer.Ordinal);

        public Queue<(DateTime At, double Period, IReadOnlyDictionary<string, ModelStats> Counts)> Window { get; } = new();
    }
}
