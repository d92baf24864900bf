using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// One discrete-event run: requests queue in one FIFO shared by one-core replicas (what the router's least-loaded
/// choice approximates); the scaler polls every <see cref="SimulationSettings.PollSeconds"/>, sees what the real one
/// sees (arrival rate, mean service time, CPU of the ready replicas over the policy's period, queue length), decides
/// with the production policy code, and new replicas take work only after the cold start (or, while the warm pool
/// lasts, after the short start of a server on a warm silo).
/// </summary>
internal sealed class SimulationRun
{
    private enum Kind { Completion = 0, Ready = 1, Arrival = 2, Second = 3, Poll = 4 }

    private readonly SimulationSettings _settings;
    private readonly string _workloadName;
    private readonly SimulatedClock _clock = new();
    private readonly PriorityQueue<(Kind Kind, int Id), (double T, int Kind, long Seq)> _events = new();
    private readonly List<SimulatedRequest> _requests;
    private readonly List<SimulatedReplica> _replicas = [];
    private readonly Dictionary<int, int> _serving = [];
    private readonly Queue<int> _queue = new();
    // Per request: when it finished, its time on the server (what a server reports) and its whole latency.
    private readonly List<(double At, double ServerMs, double LatencyMs)> _latencies = [];
    private readonly List<int> _queueAt = [0];
    private readonly List<ScalingDecision> _decisions = [];
    private readonly SimulationSeries _series = new();
    private readonly ScalingMemory _memory = new();
    private readonly IScalingPolicy _policy;
    private readonly ScalingController _controller;

    // Cumulative integrals and counts, snapshotted at each whole second for windowed signals.
    private readonly List<double> _busyAt = [0], _readyAt = [0], _aliveAt = [0], _activeReadyAt = [0], _arrivedAt = [0], _servedSecondsAt = [0], _servedSquaresAt = [0], _servedAt = [0];
    private double _busy, _ready, _alive, _activeReady, _servedSeconds, _servedSquares;
    private int _arrived, _served, _scaleEvents, _nextReplicaId, _warm;
    private double _last;
    private long _seq;

    public SimulationRun(SimulationSettings settings, string workloadName)
    {
        _settings = settings;
        _workloadName = workloadName;
        _warm = settings.WarmSilos;
        _requests = DemandGenerator.Generate(settings.Workload, settings.ServiceTime, settings.Seed, settings.OutsideServer);
        var options = new ScalingOptions
        {
            PollSeconds = settings.PollSeconds,
            MinReplicas = settings.MinReplicas,
            MaxReplicas = settings.MaxReplicas,
            P99TargetMs = settings.P99TargetMs,
            Slo = settings.Slo ?? new SloOptions { Forecast = settings.Forecast },
        };
        _policy = PolicyFactory.Create(settings.Policy, options, _clock);
        _controller = new ScalingController(settings.MinReplicas, settings.MaxReplicas, _clock);
    }

    public SimulationResult Execute()
    {
        for (var i = 0; i < settings().MinReplicas; i++)
        {
            AddReplica(startup: 0);
        }

        for (var i = 0; i < _requests.Count; i++)
        {
            Schedule(_requests[i].ArrivalAt, Kind.Arrival, i);
        }

        Schedule(1, Kind.Second, 1);
        Schedule(_settings.FirstPollSeconds ?? _settings.PollSeconds, Kind.Poll, 0);

        while (_events.TryDequeue(out var e, out var key))
        {
            Advance(key.T);
            switch (e.Kind)
            {
                case Kind.Arrival: OnArrival(e.Id); break;
                case Kind.Completion: OnCompletion(e.Id); break;
                case Kind.Ready: OnReady(e.Id); break;
                case Kind.Second: OnSecond(e.Id); break;
                case Kind.Poll: OnPoll(); break;
            }
        }
        return new SimulationResult(Summarize(), _series, _decisions);

        SimulationSettings settings() => _settings;
    }

    private bool Finished => _clock.Now >= _settings.Workload.Count && _arrived == _requests.Count && _queue.Count == 0 && _serving.Count == 0;

    private void Schedule(double t, Kind kind, int id) => _events.Enqueue((kind, id), (t, (int)kind, _seq++));

    private void Advance(double t)
    {
        var dt = t - _last;
        if (dt > 0)
        {
            foreach (var r in _replicas)
            {
                if (r.Stopped)
                {
                    continue;
                }

                _alive += dt;
                if (r.Ready)
                {
                    _ready += dt;
                }

                if (r.Ready && r.Active)
                {
                    _activeReady += dt;
                }

                if (r.Busy)
                {
                    _busy += dt;
                }
            }
        }
        _last = t;
        _clock.Now = t;
    }

    private void OnArrival(int request)
    {
        _arrived++;
        var idle = _replicas.FirstOrDefault(r => r.Ready && r.Active && !r.Busy);
        if (idle is null)
        {
            _queue.Enqueue(request);
        }
        else
        {
            Start(idle, request);
        }
    }

    private void Start(SimulatedReplica replica, int request)
    {
        replica.Busy = true;
        _serving[replica.Id] = request;
        Schedule(_clock.Now + _requests[request].ServiceSeconds, Kind.Completion, replica.Id);
    }

    private void OnCompletion(int replicaId)
    {
        var replica = _replicas[replicaId];
        var request = _requests[_serving[replicaId]];
        _serving.Remove(replicaId);
        replica.Busy = false;
        var serverMs = (_clock.Now - request.ArrivalAt) * 1000;
        _latencies.Add((_clock.Now, serverMs, serverMs + (request.OutsideSeconds * 1000)));
        _served++;
        _servedSeconds += request.ServiceSeconds;
        _servedSquares += request.ServiceSeconds * request.ServiceSeconds;
        if (replica.Draining)
        {
            replica.Stopped = true;
        }
        else if (_queue.Count > 0)
        {
            Start(replica, _queue.Dequeue());
        }
    }

    private void OnReady(int replicaId)
    {
        var replica = _replicas[replicaId];
        if (replica.Stopped)
        {
            return;
        }

        replica.Ready = true;
        if (_queue.Count > 0)
        {
            Start(replica, _queue.Dequeue());
        }
    }

    private void OnSecond(int second)
    {
        _busyAt.Add(_busy);
        _readyAt.Add(_ready);
        _aliveAt.Add(_alive);
        _activeReadyAt.Add(_activeReady);
        _arrivedAt.Add(_arrived);
        _servedSecondsAt.Add(_servedSeconds);
        _servedSquaresAt.Add(_servedSquares);
        _servedAt.Add(_served);
        _queueAt.Add(_queue.Count);
        _series.OfferedLoad.Add(_arrivedAt[second] - _arrivedAt[second - 1]);
        _series.Replicas.Add(_aliveAt[second] - _aliveAt[second - 1]);
        _series.ReadyReplicas.Add(_activeReadyAt[second] - _activeReadyAt[second - 1]);
        _series.Queue.Add(_queue.Count);
        if (!Finished)
        {
            Schedule(second + 1, Kind.Second, second + 1);
        }
    }

    private void OnPoll()
    {
        var now = _clock.Now;
        // The signals as of SignalDelaySeconds ago (whole seconds: the windows are kept per second).
        var delay = (int)Math.Round(_settings.SignalDelaySeconds);
        var b = Math.Max(0, Math.Min((int)Math.Floor(now + 1e-9) - delay, _busyAt.Count - 1));
        var a = Math.Max(0, b - (int)Math.Round(_settings.SignalWindowSeconds ?? _policy.Period.TotalSeconds));
        var span = Math.Max(1, b - a);
        var readySeconds = _readyAt[b] - _readyAt[a];
        var servedCount = _servedAt[b] - _servedAt[a];
        var meanService = servedCount > 0 ? (_servedSecondsAt[b] - _servedSecondsAt[a]) / servedCount : 0;
        var ready = _replicas.Count(r => r.Active && r.Ready);
        var scv = servedCount > 1 ? (((_servedSquaresAt[b] - _servedSquaresAt[a]) / servedCount) - (meanService * meanService)) / (meanService * meanService) : -1;
        var signals = new ScalingSignals(
            ArrivalRate: (_arrivedAt[b] - _arrivedAt[a]) / span,
            ServiceMs: servedCount > 0 ? meanService * 1000 : _settings.ServiceTime.MeanMs,
            QueueLength: delay == 0 ? _queue.Count : _queueAt[b],
            CpuPercent: readySeconds > 0 ? Math.Min(100, (_busyAt[b] - _busyAt[a]) / readySeconds * 100) : 0,
            ReadyReplicas: ready,
            StartingReplicas: _replicas.Count(r => r.Active && !r.Ready),
            StartupSeconds: _settings.StartupSeconds,
            ServiceScv: Math.Max(-1, scv),
            ObservedP99Ms: RecentP99Ms(ready));
        var outcome = _controller.Evaluate(_policy, signals, _memory);
        if (outcome is not null)
        {
            _decisions.Add(new ScalingDecision(_clock.GetUtcNow().UtcDateTime, _policy.Name, signals, outcome.Recommended, outcome.Target, outcome.Direction, []));
            if (outcome.Direction != ScalingDirection.None)
            {
                _scaleEvents++;
                ScaleTo(outcome.Target);
            }
        }
        if (!Finished)
        {
            Schedule(now + _settings.PollSeconds, Kind.Poll, 0);
        }
    }

    /// <summary>
    /// p99 of the cluster's last <see cref="ModelStats.RecentRequests"/> latencies per ready replica: each server reports
    /// the p99 of its own last ones, and the ready replicas share the work; 0 before any.
    /// </summary>
    private double RecentP99Ms(int readyReplicas)
    {
        var from = Math.Max(0, _latencies.Count - (ModelStats.RecentRequests * Math.Max(1, readyReplicas)));
        var recent = _latencies.GetRange(from, _latencies.Count - from).Select(l => l.ServerMs).Order().ToArray();
        return Percentile(recent, 0.99);
    }

    private void ScaleTo(int target)
    {
        var active = _replicas.Where(r => r.Active).ToList();
        for (var i = active.Count; i < target; i++)
        {
            var onWarmSilo = _warm > 0;
            if (onWarmSilo)
            {
                _warm--;
            }

            AddReplica(onWarmSilo ? _settings.WarmStartSeconds : _settings.StartupSeconds);
        }
        var excess = active.Count - target;
        // Cheapest first: replicas still starting (newest first), then idle ones, then busy ones (they drain).
        foreach (var r in active.OrderBy(r => r.Ready ? 1 : 0).ThenBy(r => r.Busy ? 1 : 0).ThenByDescending(r => r.LaunchedAt).Take(Math.Max(0, excess)))
        {
            if (r.Busy)
            {
                r.Draining = true;
            }
            else
            {
                r.Stopped = true;
            }

            _warm = Math.Min(_settings.WarmSilos, _warm + 1);
        }
    }

    private void AddReplica(double startup)
    {
        var replica = new SimulatedReplica(_nextReplicaId++, _clock.Now, _clock.Now + startup);
        _replicas.Add(replica);
        if (startup <= 0)
        {
            replica.Ready = true;
        }
        else
        {
            Schedule(replica.ReadyAt, Kind.Ready, replica.Id);
        }
    }

    private SimulationSummary Summarize()
    {
        var sorted = _latencies.Select(l => l.LatencyMs).Order().ToArray();
        for (var start = 0.0; start < _last; start += 10)
        {
            var window = _latencies.Where(l => l.At >= start && l.At < start + 10).Select(l => l.LatencyMs).Order().ToArray();
            if (window.Length > 0)
            {
                _series.P99.Add((start, Percentile(window, 0.99)));
            }
        }
        var duration = Math.Max(_last, _settings.Workload.Count);
        return new SimulationSummary(
            _policy.Name, _workloadName, sorted.Length,
            Math.Round(Percentile(sorted, 0.50), 1), Math.Round(Percentile(sorted, 0.99), 1), Math.Round(sorted.LastOrDefault(), 1),
            sorted.Count(l => l > 500), Math.Round(_alive, 1), _scaleEvents, Math.Round(_alive / duration, 3),
            _decisions.Select(d => d.Target).DefaultIfEmpty(_settings.MinReplicas).Max(), Math.Round(duration, 1),
            _settings.StartupSeconds, Describe(), _settings.PollSeconds, _settings.Seed, _settings.WarmSilos,
            _settings.P99TargetMs, sorted.Length == 0 ? 100 : Math.Round(100.0 * sorted.Count(l => l <= _settings.P99TargetMs) / sorted.Length, 2));
    }

    private string Describe() => _settings.ServiceTime.Description
        + (_settings.OutsideServer is { } outside ? $"; {outside.Description}" : "")
        + (_settings.SignalDelaySeconds > 0 ? $"; signals {_settings.SignalDelaySeconds:0.#} s old" : "")
        + (_settings.SignalWindowSeconds is { } window ? $" over {window:0.#} s" : "");

    private static double Percentile(double[] sorted, double q) => Percentiles.OrZero(sorted, q);
}
