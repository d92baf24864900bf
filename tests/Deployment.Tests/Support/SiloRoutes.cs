using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using OrleansServe.Hosting;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>
/// The standalone silo's routes: the web app SiloProgram builds (AddOrleansServeSilo + MapSiloEndpoints), built
/// but never started.
/// </summary>
public static class SiloRoutes
{
    public static IReadOnlySet<string> All { get; } = Build();

    private static HashSet<string> Build()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Embedded",
            ["Silo:Dashboard"] = "true",
        });
        builder.AddOrleansServeSilo();
        var app = builder.Build();
        app.MapSiloEndpoints();
        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        ((IDisposable)app).Dispose();
        return routes;
    }
}
