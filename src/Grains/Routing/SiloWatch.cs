using System.Collections.Concurrent;
using Orleans.Runtime;

namespace OrleansServe.Grains.Routing;

/// <summary>
/// Watches membership: gives each silo a token that is cancelled when the silo is declared dead (so in-flight
/// calls into it end at once), and remembers silos that just failed a call as suspect for a short while.
/// </summary>
public sealed class SiloWatch(IClusterMembershipService membership, TimeProvider time) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<SiloAddress, CancellationTokenSource> _lifetimes = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suspects = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>A token cancelled when the named silo leaves the cluster (already cancelled when it is not an active member).</summary>
    public CancellationToken Lifetime(string siloName)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Name == siloName && member.Status == SiloStatus.Active)
            {
                return _lifetimes.GetOrAdd(member.SiloAddress, _ => new CancellationTokenSource()).Token;
            }
        }
        return new CancellationToken(canceled: true);
    }

    /// <summary>Marks a silo whose call just failed: routing avoids it while it has a choice.</summary>
    public void Suspect(string siloName) => _suspects[siloName] = time.GetUtcNow() + SuspectFor;

    public bool IsSuspect(string siloName) =>
        _suspects.TryGetValue(siloName, out var until) && until > time.GetUtcNow();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloWatch), ServiceLifecycleStage.RuntimeServices, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _ = Task.Run(WatchAsync);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status is SiloStatus.Dead && _lifetimes.TryRemove(member.SiloAddress, out var cts))
                    {
                        cts.Cancel();
                        Suspect(member.Name);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
