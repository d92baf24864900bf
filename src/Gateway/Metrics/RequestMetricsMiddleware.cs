using System.Diagnostics;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Inference;

namespace OrleansServe.Gateway.Metrics;

/// <summary>Records every request's latency by route template, model (only names the catalog knows, to bound cardinality) and status.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics, ModelCatalog catalog)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var model = context.Request.RouteValues.TryGetValue("model", out var m) && catalog.Find(m as string) is { } manifest
                ? manifest.Name : "-";
            var status = context.RequestAborted.IsCancellationRequested ? Problems.ClientClosedRequest : context.Response.StatusCode;
            if (route != "/metrics")
            {
                metrics.Request(model, route, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }
}
