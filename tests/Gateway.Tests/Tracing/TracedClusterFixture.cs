using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using OrleansServe.Gateway.Tests.Infrastructure;
using OrleansServe.Hosting;

namespace OrleansServe.Gateway.Tests.Tracing;

/// <summary>
/// A traced two-silo cluster in this process: the gateway (its silo hosts no model server, as in Redis mode) and a
/// second silo with the one model server, joined by localhost clustering over real silo ports, so every request's
/// server call crosses silos. Tracing is on without an OTLP endpoint; the gateway's tracer provider gets an
/// in-memory exporter, which sees every span of the process (both silos).
/// </summary>
public sealed class TracedClusterFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ServerSilo = "traced-server-silo";

    private readonly int _gatewaySiloPort = FreePorts.Next();
    private readonly string _clusterId = $"tracing-tests-{Guid.NewGuid():N}";
    private IHost? _serverSilo;

    /// <summary>Every span exported so far (the exporter adds from other threads: read through <see cref="Spans"/>).</summary>
    private readonly List<Activity> _exported = [];

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_exported)
            {
                return [.. _exported];
            }
        }
    }

    /// <summary>The exported spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => Spans.Where(s => s.TraceId == traceId).ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Silo:Name", "traced-gateway");
        builder.UseSetting("Silo:SiloPort", _gatewaySiloPort.ToString());
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:Dashboard", "false");
        builder.UseSetting("Silo:Servers", "0");
        builder.UseSetting("Models:Load", "A");
        builder.UseSetting("Cluster:ClusterId", _clusterId);
        builder.UseSetting("Tracing:Enabled", "true");
        builder.UseSetting("Gateway:TimeoutMs", "20000");
        builder.UseSetting("Gateway:ReadyModels:0", "A");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_exported))));
    }

    public async Task InitializeAsync()
    {
        var client = CreateClient(); // starts the gateway, the primary silo
        var silo = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Name"] = ServerSilo,
            ["Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Silo:Dashboard"] = "false",
            ["Silo:Servers"] = "1",
            ["Models:Load"] = "A",
            ["Cluster:ClusterId"] = _clusterId,
            ["Cluster:PrimarySiloPort"] = _gatewaySiloPort.ToString(),
            ["Tracing:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        silo.AddOrleansServeSilo();
        _serverSilo = silo.Build();
        await _serverSilo.StartAsync();
        await Eventually.ValueAsync(async () =>
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, TimeSpan.FromMinutes(3), "/health = 200 with the second silo's server");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_serverSilo is not null)
        {
            await _serverSilo.StopAsync();
            _serverSilo.Dispose();
        }
        await DisposeAsync();
    }

    /// <summary>The exporter's list, added to under a lock (it exports from the thread that ends each span).</summary>
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count
        {
            get
            {
                lock (inner)
                {
                    return inner.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item)
        {
            lock (inner)
            {
                return inner.Contains(item);
            }
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (inner)
            {
                inner.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(Activity item)
        {
            lock (inner)
            {
                return inner.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator()
        {
            lock (inner)
            {
                return inner.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

[CollectionDefinition(Name)]
public sealed class TracedClusterCollection : ICollectionFixture<TracedClusterFixture>
{
    public const string Name = "traced cluster";
}
