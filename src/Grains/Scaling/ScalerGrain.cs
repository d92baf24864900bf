using Orleans.Placement;
using Orleans.Runtime;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Grains.Scaling;

/// <summary>
/// The autoscaler. Every <c>Scaling:PollSeconds</c>: reads the registry, turns it into signals, lets the policy decide
/// (through <see cref="ScalingController"/>, which bounds and times it), and acts on the plan of
/// <see cref="ReplicaPlanner"/>: servers started on spare cores at once, silos launched and drained-then-stopped in
/// the background. Placed on the silo that first asks for it (the one whose <see cref="ScalerStartup"/> runs), whose
/// launcher then owns the silos it starts.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class ScalerGrain(
    [PersistentState("scaler", "scaler")] IPersistentState<ScalerState> state,
    IOptions<ScalingOptions> options,
    ISiloLauncher launcher,
    ScalingMetrics metrics,
    TimeProvider time,
    ILogger<ScalerGrain> logger) : Grain, IScalerGrain
{
    private readonly SignalReader _signals = new();
    private readonly HashSet<string> _stoppingSilos = new(StringComparer.Ordinal);
    private readonly HashSet<string> _repairing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private IScalingPolicy _policy = null!;
    private ScalingController _controller = null!;
    private int _launching;

    private ScalingOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _policy = PolicyFactory.Create(state.State.Policy ?? Options.Policy, Options, time);
        _controller = new ScalingController(Options.MinReplicas, Options.MaxReplicas, time);
        if (Options.Enabled)
        {
            var period = TimeSpan.FromSeconds(Options.PollSeconds);
            this.RegisterGrainTimer(_ => TickAsync(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
            LogStarted(_policy.Name, Options.PollSeconds, launcher.Name);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LogStopping(reason);
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public async Task<ScalerStatus> GetStatusAsync()
    {
        var load = ClusterLoad.From(await Registry.GetServersAsync());
        return new ScalerStatus(
            Options.Enabled, _policy.Name, state.State.PinnedReplicas, Options.MinReplicas, Options.MaxReplicas,
            load.Active.Count, state.State.DesiredReplicas, launcher.Name, StartupSeconds, launcher.Silos, state.State.History.LastOrDefault());
    }

    public Task<IReadOnlyList<ScalingDecision>> GetHistoryAsync(int max = 100)
    {
        IReadOnlyList<ScalingDecision> newestFirst = state.State.History.AsEnumerable().Reverse().Take(Math.Max(0, max)).ToList();
        return Task.FromResult(newestFirst);
    }

    public async Task SetPolicyAsync(string policy)
    {
        _policy = PolicyFactory.Create(policy, Options, time);
        state.State.Policy = policy;
        state.State.Memory.Reset();
        await state.WriteStateAsync();
        LogPolicyChanged(_policy.Name);
    }

    public async Task PinAsync(int? replicas)
    {
        if (replicas is { } r && (r < Options.MinReplicas || r > Options.MaxReplicas))
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), r, $"A pinned count must be within Scaling:MinReplicas ({Options.MinReplicas}) and Scaling:MaxReplicas ({Options.MaxReplicas}).");
        }
        state.State.PinnedReplicas = replicas;
        await state.WriteStateAsync();
        LogPinned(replicas);
    }

    public async Task<ScalingDecision> PollAsync() => await PollCoreAsync() ?? NotDue();

    private async Task TickAsync()
    {
        try
        {
            await PollCoreAsync();
        }
        catch (Exception ex)
        {
            LogPollFailed(ex);
        }
    }

    private async Task<ScalingDecision?> PollCoreAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var load = ClusterLoad.From(await Registry.GetServersAsync());
        RepairMissingModels(load);
        var signals = _signals.Read(load, StartingReplicas(load), StartupSeconds, now);
        var outcome = _controller.Evaluate(_policy, signals, state.State.Memory, state.State.PinnedReplicas);
        if (outcome is null)
        {
            return null;
        }

        var warm = launcher.Silos.Where(s => s.Warm && s.StartupSeconds is not null).Select(s => s.Name).ToList();
        var plan = ReplicaPlanner.Plan(load, signals.CurrentReplicas, outcome.Target, Options.MaxReplicasPerSilo, warm,
            launcher.Name != "none", Owns, state.State.NextServerIndex);
        var actions = new List<string>();
        foreach (var action in plan)
        {
            actions.Add(await ActAsync(action, load));
        }
        if (outcome.Direction == ScalingDirection.Up && plan.Count < outcome.Target - signals.CurrentReplicas)
        {
            actions.Add("no spare core and no launcher for the rest");
        }

        var decision = new ScalingDecision(now, _policy.Name, signals, outcome.Recommended, outcome.Target, outcome.Direction, actions);
        Record(decision);
        await state.WriteStateAsync();
        return decision;
    }

    private async Task<string> ActAsync(ReplicaAction action, ClusterLoad load)
    {
        switch (action.Kind)
        {
            case ReplicaActionKind.ClaimWarmSilo when !launcher.TryClaimWarm(action.SiloName!):
                return $"{action} failed: the silo is no longer warm";
            case ReplicaActionKind.StartServer or ReplicaActionKind.ClaimWarmSilo:
                try
                {
                    var server = GrainFactory.GetGrain<IModelServerGrain>(action.ServerId!);
                    foreach (var model in ModelsFor(load))
                    {
                        await server.LoadModelAsync(model);
                    }

                    return action.ToString();
                }
                catch (Exception ex)
                {
                    LogActionFailed(ex, action.ToString());
                    // A claimed silo left without a server would count as a starting replica: back to the pool with it.
                    if (action.Kind == ReplicaActionKind.ClaimWarmSilo)
                    {
                        await launcher.StopAsync(action.SiloName!, CancellationToken.None);
                    }

                    return $"{action} failed: {ex.Message}";
                }
            case ReplicaActionKind.LaunchSilo:
                _launching++;
                _ = LaunchInBackgroundAsync();
                return action.ToString();
            default:
                _ = DrainInBackgroundAsync(action);
                return action.ToString();
        }
    }

    private async Task LaunchInBackgroundAsync()
    {
        try
        {
            var silo = await launcher.LaunchAsync(_stopping.Token);
            LogLaunched(silo.Name, silo.StartupSeconds ?? 0);
        }
        catch (Exception ex)
        {
            LogActionFailed(ex, "launch silo");
        }
        finally
        {
            _launching--;
        }
    }

    private async Task DrainInBackgroundAsync(ReplicaAction action)
    {
        try
        {
            if (action.StopSilo)
            {
                _stoppingSilos.Add(action.SiloName!);
            }

            await GrainFactory.GetGrain<IModelServerGrain>(action.ServerId!).DrainAsync();
            if (action.StopSilo)
            {
                await launcher.StopAsync(action.SiloName!, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogActionFailed(ex, action.ToString());
        }
        finally
        {
            if (action.StopSilo)
            {
                _stoppingSilos.Remove(action.SiloName!);
            }
        }
    }

    /// <summary>
    /// A serving replica that reports without some of the models is given them (loading is idempotent, so a server
    /// still loading its own at start loses nothing). Needed when a silo leaves: grains whose directory entry it held
    /// can be re-activated elsewhere in the cluster, and a re-activated server holds no models. Set
    /// <c>Scaling:Models</c> so this also works when the only server lost them.
    /// </summary>
    private void RepairMissingModels(ClusterLoad load)
    {
        var wanted = ModelsFor(load).ToList();
        foreach (var report in load.Active)
        {
            var missing = wanted.Where(m => !report.Models.Contains(m)).ToList();
            if (missing.Count > 0 && _repairing.Add(report.ServerId))
            {
                _ = RepairAsync(report.ServerId, missing);
            }
        }
    }

    private async Task RepairAsync(string serverId, IReadOnlyList<string> models)
    {
        try
        {
            LogRepair(serverId, string.Join(", ", models));
            var server = GrainFactory.GetGrain<IModelServerGrain>(serverId);
            foreach (var model in models)
            {
                await server.LoadModelAsync(model);
            }
        }
        catch (Exception ex)
        {
            LogActionFailed(ex, $"reload models on {serverId}");
        }
        finally
        {
            _repairing.Remove(serverId);
        }
    }

    private void Record(ScalingDecision decision)
    {
        var previous = state.State.History.LastOrDefault();
        state.State.DesiredReplicas = decision.Target;
        state.State.History.Add(decision);
        if (state.State.History.Count > Options.HistorySize)
        {
            state.State.History.RemoveRange(0, state.State.History.Count - Options.HistorySize);
        }

        var silos = launcher.Silos;
        metrics.Record(decision, silos.Count, silos.Count(x => x.Warm));
        var s = decision.Signals;
        var actions = decision.Actions.Count == 0 ? "-" : string.Join("; ", decision.Actions);
        if (decision.Direction != ScalingDirection.None && decision.Repeats(previous))
        {
            LogRepeated(decision.Policy, decision.Direction, s.CurrentReplicas, decision.Target, actions);
        }
        else if (decision.Direction == ScalingDirection.None)
        {
            LogSteady(decision.Policy, s.CurrentReplicas, decision.Recommended, s.ArrivalRate, s.ServiceMs, s.QueueLength, s.CpuPercent, s.ReadyReplicas, s.StartingReplicas, s.StartupSeconds);
        }
        else
        {
            LogDecision(decision.Policy, decision.Direction, s.CurrentReplicas, decision.Target, decision.Recommended, s.ArrivalRate, s.ServiceMs,
                s.QueueLength, s.CpuPercent, s.ReadyReplicas, s.StartingReplicas, s.StartupSeconds, actions);
        }
    }

    private ScalingDecision NotDue() => new(
        time.GetUtcNow().UtcDateTime, _policy.Name, state.State.History.LastOrDefault()?.Signals ?? new ScalingSignals(0, 0, 0, 0, 0, 0, StartupSeconds),
        state.State.DesiredReplicas, state.State.DesiredReplicas, ScalingDirection.None, [$"not due: {_policy.Name} decides every {_policy.Period.TotalSeconds:0.#} s"]);

    /// <summary>
    /// Replicas asked for and not serving yet: silos the launcher runs (starting ones included) that have no server in
    /// the registry and are neither warm nor being stopped. Kubernetes names no pod before it is up: there, launches in flight.
    /// A silo's server can register before its launch completes, so counting launches would count it twice.
    /// </summary>
    private int StartingReplicas(ClusterLoad load) =>
        launcher.Name == "kubernetes"
            ? _launching
            : launcher.Silos.Count(s => !s.Warm && !load.BySilo.Contains(s.Name) && !_stoppingSilos.Contains(s.Name));

    private IEnumerable<string> ModelsFor(ClusterLoad load) =>
        Options.Models.Count > 0 ? Options.Models : load.Active.SelectMany(r => r.Models).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Silos this scaler may stop: the ones its launcher started (Kubernetes: every silo pod of the Deployment).</summary>
    private bool Owns(string siloName) =>
        launcher.Name == "kubernetes" ? siloName.StartsWith(Options.Kubernetes.Deployment, StringComparison.Ordinal) : launcher.Silos.Any(s => s.Name == siloName);

    private double StartupSeconds => launcher.MeasuredStartupSeconds ?? Options.StartupSeconds;

    private IServerRegistryGrain Registry => GrainFactory.GetGrain<IServerRegistryGrain>(0);
}
