using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansServe.Grains;
using OrleansServe.Hosting.Launchers;
using OrleansServe.Hosting.Tracing;

namespace OrleansServe.Hosting;

/// <summary>Wires an OrleansServe silo into a host: clustering, failure detection, placement, engine, model servers.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds a silo to <paramref name="builder"/> from the <c>Cluster</c> and <c>Silo</c> sections.
    /// Throws <see cref="OptionsValidationException"/> naming the bad keys.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansServeSilo(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var silo = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        var errors = cluster.Validate().Concat(silo.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException("configuration", typeof(SiloSettings), errors);
        }

        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section);
        builder.Services.AddOrleansServeGrainServices(builder.Configuration);
        builder.Services.AddOrleans(siloBuilder => siloBuilder.ConfigureOrleansServe(cluster, silo)
            .AddOrleansServeTracing(builder.Configuration, silo.ResolvedName));
        return builder;
    }

    /// <summary>
    /// The silo-local services: the grains' (<see cref="GrainServiceCollectionExtensions.AddOrleansServeGrains"/>, the
    /// scaler's), the parent-process watch and the silo launcher named by <c>Scaling:Launcher</c>. Also used by test clusters.
    /// </summary>
    public static IServiceCollection AddOrleansServeGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrleansServeGrains(configuration);
        services.AddHostedService<ParentProcessWatch>();
        services.AddOrleansServeScaling(configuration);
        return services;
    }

    /// <summary>Clustering, endpoints, failure detection and placement for an OrleansServe silo.</summary>
    public static ISiloBuilder ConfigureOrleansServe(this ISiloBuilder siloBuilder, ClusterSettings cluster, SiloSettings silo)
    {
        var address = IPAddress.Parse(silo.Address);
        if (cluster.Mode == ClusterMode.Redis)
        {
            siloBuilder.UseRedisClustering(o =>
            {
                o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.Redis!);
                o.CreateMultiplexer = options => RedisConnection.ConnectAsync(options.ConfigurationOptions!);
            });
            siloBuilder.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            siloBuilder.ConfigureEndpoints(address, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: silo.Address != "127.0.0.1");
            if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is not null)
            {
                // On Kubernetes (deploy/k8s sets POD_*): silos also delete the pods of silos declared dead.
                siloBuilder.UseKubernetesHosting();
            }
            siloBuilder.AddRedisGrainStorage("scaler", (Orleans.Persistence.RedisStorageOptions o) =>
            {
                o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.Redis!);
                o.CreateMultiplexer = options => RedisConnection.ConnectAsync(options.ConfigurationOptions!);
            });
        }
        else
        {
            IPEndPoint? primary = cluster.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort) : null;
            siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            siloBuilder.AddMemoryGrainStorage("scaler");
        }

        siloBuilder.Configure<SiloOptions>(o => o.SiloName = silo.ResolvedName);
        // The strongly consistent grain directory: the default one lets each silo activate a grain it cannot yet find
        // while views converge (silos starting together, one joining after Redis was lost), and the server registry,
        // one grain, then ran on up to four silos at once, each with a part of the servers' reports, for minutes.
#pragma warning disable ORLEANSEXP003 // evaluation API: Orleans' answer to duplicate activations during membership changes
        siloBuilder.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        siloBuilder.ConfigureFailureDetection(cluster);
        siloBuilder.AddOrleansServePlacement();
        if (silo.Dashboard)
        {
            siloBuilder.AddDashboard();
        }
        return siloBuilder;
    }

    /// <summary>Fast failure detection (defaults take 12–15 s to declare a killed silo dead).</summary>
    public static ISiloBuilder ConfigureFailureDetection(this ISiloBuilder siloBuilder, ClusterSettings cluster) =>
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromMilliseconds(cluster.ProbeTimeoutMs);
            o.NumMissedProbesLimit = cluster.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = cluster.NumVotesForDeathDeclaration;
            o.TableRefreshTimeout = TimeSpan.FromMilliseconds(cluster.TableRefreshTimeoutMs);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
}
