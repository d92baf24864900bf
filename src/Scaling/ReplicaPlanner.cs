namespace OrleansServe.Scaling;

/// <summary>
/// Chooses how to reach a replica target. A replica is a model server with its own lane of workers, so a silo holds
/// as many as its cores have room for (cores ÷ workers per server) unless the cap says fewer.
/// Up: spare cores of serving silos first (a server starts in milliseconds),
/// then silos waiting in the launcher's warm pool (a server on a silo already in the cluster), then new silos.
/// Down: servers of launched silos before those of silos we did not start, emptiest silo first and newest server
/// first, so whole launched silos empty and can be stopped; never fewer ready servers than the target.
/// </summary>
public static class ReplicaPlanner
{
    public static IReadOnlyList<ReplicaAction> Plan(
        ClusterLoad load, int current, int target, int maxPerSilo, IReadOnlyList<string> warmSilos, bool canLaunch, Func<string, bool> launched,
        IDictionary<string, int> nextIndex)
    {
        var actions = new List<ReplicaAction>();
        if (target > current)
        {
            var missing = target - current;
            foreach (var silo in load.BySilo.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var slots = maxPerSilo > 0 ? maxPerSilo : Math.Max(1, silo.First().Cores / Math.Max(1, silo.First().Workers));
                for (var spare = slots - silo.Count(); spare > 0 && missing > 0; spare--, missing--)
                {
                    actions.Add(new ReplicaAction(ReplicaActionKind.StartServer, silo.Key, NextServerId(load, silo.Key, nextIndex)));
                }
            }
            // A warm silo reports no cores before it has a server: one replica each unless the per-silo cap says more.
            foreach (var silo in warmSilos.Order(StringComparer.Ordinal))
            {
                for (var slot = 0; slot < Math.Max(1, maxPerSilo) && missing > 0; slot++, missing--)
                {
                    actions.Add(new ReplicaAction(ReplicaActionKind.ClaimWarmSilo, silo, NextServerId(load, silo, nextIndex)));
                }
            }
            for (; missing > 0 && canLaunch; missing--)
            {
                actions.Add(new ReplicaAction(ReplicaActionKind.LaunchSilo));
            }
        }
        else if (target < current)
        {
            var remaining = load.BySilo.ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var candidates = load.Active
                .OrderBy(r => launched(r.SiloName) ? 0 : 1)
                .ThenBy(r => remaining[r.SiloName])
                .ThenByDescending(r => IndexOf(r.ServerId))
                // Only ready servers are drained, and never below the target: replicas still starting are no reason
                // to drain one that serves (they may never come, and the next poll sees them if they do).
                .Take(Math.Max(0, load.Active.Count - target));
            foreach (var server in candidates)
            {
                remaining[server.SiloName]--;
                var stop = remaining[server.SiloName] == 0 && launched(server.SiloName);
                actions.Add(new ReplicaAction(ReplicaActionKind.DrainServer, server.SiloName, server.ServerId, stop));
            }
        }
        return actions;
    }

    private static string NextServerId(ClusterLoad load, string silo, IDictionary<string, int> nextIndex)
    {
        var used = load.All.Where(s => s.SiloName == silo).Select(s => IndexOf(s.ServerId)).DefaultIfEmpty(-1).Max();
        var next = Math.Max(used + 1, nextIndex.TryGetValue(silo, out var n) ? n : 0);
        nextIndex[silo] = next + 1;
        return ServerIds.For(silo, next);
    }

    private static int IndexOf(string serverId)
    {
        var slash = serverId.LastIndexOf('/');
        return slash >= 0 && int.TryParse(serverId[(slash + 1)..], out var i) ? i : 0;
    }
}
