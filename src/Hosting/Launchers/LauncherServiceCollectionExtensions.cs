using Docker.DotNet;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansServe.Grains;
using OrleansServe.Hosting.Launchers.Docker;
using OrleansServe.Hosting.Launchers.Kubernetes;
using OrleansServe.Hosting.Launchers.Process;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers;
using OrleansServe.Scaling.Launchers.Kubernetes;

namespace OrleansServe.Hosting.Launchers;

public static class LauncherServiceCollectionExtensions
{
    /// <summary>
    /// The autoscaler's services: the scaler grain's (<see cref="GrainServiceCollectionExtensions.AddOrleansServeScaler"/>:
    /// <see cref="ScalingOptions"/>, metrics, the startup hook) and the silo launcher named by <c>Scaling:Launcher</c>.
    /// The silo also needs the "scaler" grain storage.
    /// </summary>
    public static IServiceCollection AddOrleansServeScaling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrleansServeScaler();
        switch (configuration[$"{ScalingOptions.Section}:{nameof(ScalingOptions.Launcher)}"] ?? "process")
        {
            case "docker":
                services.TryAddSingleton<IDockerClient>(sp =>
                    new DockerClientConfiguration(new Uri(sp.GetRequiredService<IOptions<ScalingOptions>>().Value.Docker.Endpoint)).CreateClient());
                services.TryAddSingleton<ISiloLauncher, DockerSiloLauncher>();
                break;
            case "kubernetes":
                services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(KubernetesConfig(sp.GetRequiredService<IOptions<ScalingOptions>>().Value.Kubernetes)));
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
        return services;
    }

    private static KubernetesClientConfiguration KubernetesConfig(KubernetesLauncherOptions options) =>
        !string.IsNullOrWhiteSpace(options.KubeConfigPath) ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeConfigPath)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();
}
