using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Prometheus;
using OrleansServe.Grains;

namespace OrleansServe.Hosting;

public static class SiloEndpoints
{
    /// <summary>Maps the silo's own endpoints: <c>/health</c> (unless the host serves its own), <c>/metrics</c> and the dashboard.</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app, bool health = true)
    {
        if (health)
        {
            app.MapGet("/health", (SiloReadiness readiness, ILocalSiloDetails silo) => readiness.IsReady
                ? Results.Ok(new { status = "Healthy", silo = silo.Name })
                : Results.Json(new { status = "Unhealthy", silo = silo.Name, reason = readiness.Reason }, statusCode: StatusCodes.Status503ServiceUnavailable));
        }
        var silo = app.Services.GetRequiredService<IOptions<SiloSettings>>().Value;
        // Silo:MetricsMeters picks the event sources as well as the meters: prometheus-net listens to every event source's
        // counters at Informational level by default, which makes ASP.NET Core write an event for each request.
        // Meters are exported by MeterExport rather than prometheus-net's adapter, which cost far more per measurement.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        Metrics.ConfigureEventCounterAdapter(adapter => adapter.EventSourceFilterPredicate = silo.ExportsMeter);
        MeterExport.StartDefault(instrument => silo.ExportsMeter(instrument.Meter.Name));
        // prometheus-net connects its event counter adapter on the first collection: collect once now.
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();
        app.MapMetrics("/metrics");
        if (silo.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard");
        }
        return app;
    }
}
