using Orleans.Runtime;
using OrleansServe.Gateway.Protocol;
using OrleansServe.Grains.Routing;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/cluster</c>: the silos of the cluster's membership (the gateway's own silo included);
/// <c>GET /api/cluster/cpu</c>: the core-seconds the serving silos have used (what the load tester reads).
/// </summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", (IClusterMembershipService membership) => TypedResults.Ok(
                membership.CurrentSnapshot.Members.Values
                    .OrderBy(m => m.Name, StringComparer.Ordinal)
                    .Select(m => new ClusterMemberView(m.Name, m.SiloAddress.ToParsableString(), m.Status.ToString()))
                    .ToList()))
            .WithTags("Servers").WithName("ClusterMembers").WithSummary("The silos of the cluster and their membership status.");
        app.MapGet("/api/cluster/cpu", (ClusterCpuAccount cpu) => TypedResults.Ok(new ClusterCpuView(cpu.CoreSeconds, cpu.Silos)))
            .WithTags("Servers").WithName("ClusterCpu")
            .WithSummary("Core-seconds used by the silos that host model servers, from their reports (a counter: take differences).");
        return app;
    }
}
