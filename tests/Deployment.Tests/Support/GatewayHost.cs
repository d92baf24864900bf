using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>
/// The real gateway in-process (Embedded mode, one model server, free ports): its route table and what its
/// /metrics exports. Every instrument of an OrleansServe meter gets one measurement first, because prometheus-net
/// shows a counter or histogram only after something was recorded on it.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public IReadOnlySet<string> Routes { get; private set; } = new HashSet<string>();

    /// <summary>Metric names in the gateway's /metrics text (histograms with their _bucket, _sum and _count series).</summary>
    public IReadOnlySet<string> ExportedMetrics { get; private set; } = new HashSet<string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cluster:Mode", "Embedded");
        builder.UseSetting("Cluster:ClusterId", $"deployment-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Silo:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:Servers", "1");
        builder.UseSetting("Silo:Dashboard", "true");
        builder.UseSetting("Models:Load", "echo");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task InitializeAsync()
    {
        // Starts prometheus-net's meter adapter before any instrument records.
        _ = Prometheus.Metrics.DefaultRegistry;
        using var client = CreateClient();

        Routes = Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);

        ResolveMetricHolders();
        PokeInstruments();
        // Give the adapter one collection to turn the measurements into series.
        await client.GetStringAsync("/metrics");
        ExportedMetrics = PrometheusText.MetricNames(await client.GetStringAsync("/metrics"));
    }

    /// <summary>Creates the registered services that own meters (types with a <c>MeterName</c> constant), so their instruments exist.</summary>
    private void ResolveMetricHolders()
    {
        foreach (var type in OptionSections.ProductAssemblies().SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("MeterName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            {
                Services.GetService(type);
            }
        }
    }

    private static void PokeInstruments()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith("OrleansServe", StringComparison.Ordinal))
                {
                    instruments.Add(instrument);
                }
            },
        };
        listener.Start();
        foreach (var instrument in instruments)
        {
            Record(instrument);
        }
    }

    private static void Record(Instrument instrument)
    {
        switch (instrument)
        {
            case Counter<long> c: c.Add(0); break;
            case Counter<int> c: c.Add(0); break;
            case Counter<double> c: c.Add(0); break;
            case UpDownCounter<long> c: c.Add(0); break;
            case UpDownCounter<int> c: c.Add(0); break;
            case UpDownCounter<double> c: c.Add(0); break;
            case Histogram<double> h: h.Record(0); break;
            case Histogram<long> h: h.Record(0); break;
            case Histogram<int> h: h.Record(0); break;
            case Gauge<double> g: g.Record(0); break;
            case Gauge<long> g: g.Record(0); break;
            case Gauge<int> g: g.Record(0); break;
            // Observable instruments are polled at each scrape.
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class GatewayHostCollection : ICollectionFixture<GatewayHost>
{
    public const string Name = "gateway host";
}
