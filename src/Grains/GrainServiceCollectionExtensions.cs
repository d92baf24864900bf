using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using OrleansServe.Engine;
using OrleansServe.Grains.Batching;
using OrleansServe.Grains.Routing;
using OrleansServe.Grains.Scaling;
using OrleansServe.Grains.Servers;
using OrleansServe.Scaling;

namespace OrleansServe.Grains;

/// <summary>
/// The silo-local services the grains use (engine, router, batcher, model-server startup, the scaler's options,
/// metrics and startup) and their placement. Hosting concerns (clustering, storage, endpoints, launchers) are added by
/// <c>OrleansServe.Hosting</c>, whose <c>AddOrleansServeGrainServices</c> calls this.
/// </summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansServeGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInferenceEngine(configuration);
        services.AddOptions<SiloSettings>().BindConfiguration(SiloSettings.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiloReadiness>();
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
        return services;
    }

    /// <summary>
    /// The scaler grain's services: <see cref="ScalingOptions"/> (section <c>Scaling</c>, validated at start), its
    /// metrics, and the startup hook that activates the scaler where <c>Scaling:Enabled</c> is true. The silo also
    /// needs an <c>ISiloLauncher</c> (Hosting adds the one <c>Scaling:Launcher</c> names) and the "scaler" grain storage.
    /// </summary>
    public static IServiceCollection AddOrleansServeScaler(this IServiceCollection services)
    {
        services.AddValidatedOptions<ScalingOptions>(ScalingOptions.Section, o => o.Validate());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScalingMetrics>();
        services.TryAddSingleton<ScalerStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScalerStartup>());
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

    /// <summary>The placement director that pins model servers to their silo.</summary>
    public static ISiloBuilder AddOrleansServePlacement(this ISiloBuilder siloBuilder) =>
        siloBuilder.AddPlacementDirector<PinnedToSiloPlacement, PinnedToSiloDirector>();
}
