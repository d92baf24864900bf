using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using OrleansServe.Grains.Batching;
using OrleansServe.Grains.Inference;
using OrleansServe.Grains.Routing;
using OrleansServe.Grains.Servers;

namespace OrleansServe.Grains.Hosting;

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
        builder.Services.AddOrleans(siloBuilder => siloBuilder.ConfigureOrleansServe(cluster, silo));
        return builder;
    }

    /// <summary>The silo-local services grains use (engine, metrics, model-server startup). Also used by test clusters.</summary>
    public static IServiceCollection AddOrleansServeGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInferenceEngine(configuration);
        services.AddOptions<SiloSettings>().BindConfiguration(SiloSettings.Section);
        services.PostConfigure<EngineOptions>(engine =>
        {
            // Silo:MaxQueue (the name operators of a silo look for) bounds the engine's queue when set.
            if (configuration.GetValue<int?>($"{SiloSettings.Section}:{nameof(SiloSettings.MaxQueue)}") is > 0 and var maxQueue) engine.MaxQueue = maxQueue;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiloReadiness>();
        services.AddHostedService<ParentProcessWatch>();
        services.AddSingleton<ProcessLoad>();
        services.AddSingleton<ServerModelSets>();
        services.AddSingleton<CircuitBreakers>();
        services.AddSingleton<ServerProbe>();
        services.AddSingleton<ServerChooser>();
        services.AddSingleton<ServerCall>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<BatchRouter>();
        services.AddSingleton<ClusterCpuAccount>();
        services.AddSingleton<Batcher>();
        services.AddSingleton(typeof(GrainReferences<>));
        services.AddValidatedOptions<RouterOptions>(RouterOptions.Section, o => o.Validate());
        services.AddValidatedOptions<BatchingOptions>(BatchingOptions.Section, o => o.Validate());
        services.AddLifecycleParticipant<ServerViewCache>();
        services.AddLifecycleParticipant<SiloWatch>();
        services.AddLifecycleParticipant<RoutingMetrics>();
        services.AddLifecycleParticipant<ModelServerStartup>();
        services.AddOrleansServeScaling(configuration);
        return services;
    }

    private static void AddLifecycleParticipant<T>(this IServiceCollection services) where T : class, ILifecycleParticipant<ISiloLifecycle>
    {
        services.AddSingleton<T>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<T>());
    }

    /// <summary>Binds a section and fails at start with the messages of <paramref name="validate"/>, which name the keys.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section, Func<T, IEnumerable<string>> validate) where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new DelegateValidation<T>(validate));
        return services;
    }

    /// <summary>Clustering, endpoints, failure detection and placement for an OrleansServe silo.</summary>
    public static ISiloBuilder ConfigureOrleansServe(this ISiloBuilder siloBuilder, ClusterSettings cluster, SiloSettings silo)
    {
        var address = IPAddress.Parse(silo.Address);
        if (cluster.Mode == ClusterMode.Redis)
        {
            siloBuilder.UseRedisClustering(cluster.Redis!);
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
            siloBuilder.AddRedisGrainStorage("scaler", o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.Redis!));
        }
        else
        {
            IPEndPoint? primary = cluster.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort) : null;
            siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            siloBuilder.AddMemoryGrainStorage("scaler");
        }

        siloBuilder.Configure<SiloOptions>(o => o.SiloName = silo.ResolvedName);
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

    /// <summary>The placement director that pins model servers to their silo.</summary>
    public static ISiloBuilder AddOrleansServePlacement(this ISiloBuilder siloBuilder) =>
        siloBuilder.AddPlacementDirector<PinnedToSiloPlacement, PinnedToSiloDirector>();
}
