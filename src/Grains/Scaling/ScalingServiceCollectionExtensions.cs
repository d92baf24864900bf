using Docker.DotNet;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansServe.Grains.Hosting;
using OrleansServe.Grains.Scaling.Launchers;
using OrleansServe.Grains.Scaling.Launchers.Docker;
using OrleansServe.Grains.Scaling.Launchers.Kubernetes;
using OrleansServe.Grains.Scaling;
using OrleansServe.Grains.Scaling.Launchers.Process;

// In the DI namespace, like AddOptions: the silo's service wiring finds it without a using.
namespace Microsoft.Extensions.DependencyInjection;

public static class ScalingServiceCollectionExtensions
{
    /// <summary>
    /// The autoscaler's services: <see cref="ScalingOptions"/> (section <c>Scaling</c>, validated at start), its metrics,
    /// the silo launcher named by <c>Scaling:Launcher</c>, and the startup hook that activates the scaler where
    /// <c>Scaling:Enabled</c> is true. The silo also needs the "scaler" grain storage.
    /// </summary>
    public static IServiceCollection AddOrleansServeScaling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScalingOptions>(ScalingOptions.Section, o => o.Validate());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScalingMetrics>();
        switch (configuration[$"{ScalingOptions.Section}:{nameof(ScalingOptions.Launcher)}"] ?? "process")
        {
            case "docker":
                services.TryAddSingleton<IDockerClient>(sp =>
                    new DockerClientConfiguration(new Uri(sp.GetRequiredService<IOptions<ScalingOptions>>().Value.Docker.Endpoint)).CreateClient());
                services.TryAddSingleton<ISiloLauncher, DockerSiloLauncher>();
                break;
            case "kubernetes":
                services.TryAddSingleton<IKubernetes>(sp => new Kubernetes(KubernetesConfig(sp.GetRequiredService<IOptions<ScalingOptions>>().Value.Kubernetes)));
                services.TryAddSingleton<ISiloLauncher, KubernetesSiloLauncher>();
                break;
            case "none":
                services.TryAddSingleton<ISiloLauncher, NoSiloLauncher>();
                break;
            default:
                services.TryAddSingleton<ProcessSiloLauncher>();
                services.TryAddSingleton<ISiloLauncher>(sp => sp.GetRequiredService<ProcessSiloLauncher>());
                services.AddHostedService(sp => sp.GetRequiredService<ProcessSiloLauncher>());
                break;
        }
        services.TryAddSingleton<ScalerStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScalerStartup>());
        return services;
    }

    private static KubernetesClientConfiguration KubernetesConfig(KubernetesLauncherOptions options) =>
        !string.IsNullOrWhiteSpace(options.KubeConfigPath) ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeConfigPath)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();
}
