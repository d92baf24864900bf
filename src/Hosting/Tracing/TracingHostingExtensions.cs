using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Hosting;

namespace OrleansServe.Hosting.Tracing;

/// <summary>
/// OpenTelemetry tracing of the request path, on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (or <c>Tracing:Enabled</c>):
/// the sources of <see cref="ServeTracing"/>, Orleans' grain calls and ASP.NET Core's requests (which honour an
/// incoming <c>traceparent</c>), with trace context propagated over grain calls between silos. Off, nothing listens.
/// </summary>
public static class TracingHostingExtensions
{
    /// <summary>
    /// Orleans' sources for grain calls: application grains, and grains whose interface's namespace starts with
    /// "Orleans", which <c>OrleansServe</c> does, so our model-server calls are reported under the runtime's source.
    /// </summary>
    public static readonly string[] OrleansGrainCalls = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>Paths whose requests are not traced: scrapes, probes, the ops page and the dashboard poll all the time.</summary>
    private static readonly string[] Untraced = ["/metrics", "/health", "/ui", "/dashboard", "/api/"];

    /// <summary>Whether tracing is on for <paramref name="configuration"/>.</summary>
    public static bool IsTracingEnabled(IConfiguration configuration) =>
        configuration.GetSection(TracingOptions.Section).Get<TracingOptions>()?.Enabled
            ?? !string.IsNullOrWhiteSpace(configuration[TracingOptions.OtlpEndpointKey]);

    /// <summary>Registers the tracer provider and Orleans' context propagation when tracing is on; otherwise does nothing.</summary>
    public static ISiloBuilder AddOrleansServeTracing(this ISiloBuilder siloBuilder, IConfiguration configuration, string siloName)
    {
        if (!IsTracingEnabled(configuration))
        {
            return siloBuilder;
        }
        siloBuilder.AddActivityPropagation();
        var endpoint = configuration[TracingOptions.OtlpEndpointKey];
        var service = configuration["OTEL_SERVICE_NAME"];
        siloBuilder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(service))
                {
                    resource.AddService(AppDomain.CurrentDomain.FriendlyName, serviceInstanceId: siloName);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.SetSampler(BackgroundRootFilter.Create())
                    .AddSource(ServeTracing.SourceName).AddSource(OrleansGrainCalls)
                    .AddAspNetCoreInstrumentation(o => o.Filter = Traced);
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    tracing.AddOtlpExporter();
                }
            });
        return siloBuilder;
    }

    private static bool Traced(HttpContext context) =>
        !Untraced.Any(prefix => context.Request.Path.StartsWithSegments(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
