using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OrleansServe.Grains.Servers;

/// <summary>
/// Chooses the silo named by the grain's key. When that silo is gone it throws our own
/// <see cref="ServerUnavailableException"/> (the caller gets it in milliseconds; Orleans' own exception
/// types would make the runtime retry placement for about half a second).
/// </summary>
internal sealed class PinnedToSiloDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var serverId = target.GrainIdentity.Key.ToString()!;
        var siloName = ServerIds.SiloOf(serverId);
        var compatible = context.GetCompatibleSilos(target);
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Name == siloName && member.Status == SiloStatus.Active && compatible.Contains(member.SiloAddress))
            {
                return Task.FromResult(member.SiloAddress);
            }
        }
        throw new ServerUnavailableException(serverId, $"Server {serverId} is unavailable: silo {siloName} is not an active member.");
    }
}
