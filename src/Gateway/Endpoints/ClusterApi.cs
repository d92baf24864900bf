using Orleans.Runtime;
using OrleansServe.Gateway.Protocol;

namespace OrleansServe.Gateway.Endpoints;

/// <summary><c>GET /api/cluster</c>: the silos of the cluster's membership (the gateway's own silo included).</summary>
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
        return app;
    }
}
