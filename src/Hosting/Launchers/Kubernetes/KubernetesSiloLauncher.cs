using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers;
using OrleansServe.Scaling.Launchers.Kubernetes;

namespace OrleansServe.Hosting.Launchers.Kubernetes;

/// <summary>
/// Scales the silo Deployment: one more replica to add a silo (then waits for it to be ready); to remove a given silo,
/// marks its pod cheapest to delete (<c>controller.kubernetes.io/pod-deletion-cost</c>) and sets one replica fewer,
/// so Kubernetes sends SIGTERM to that pod and its servers drain.
/// </summary>
internal sealed partial class KubernetesSiloLauncher(IOptions<ScalingOptions> options, IKubernetes kubernetes, ILogger<KubernetesSiloLauncher> logger) : ISiloLauncher
{
    public const string DeletionCost = "controller.kubernetes.io/pod-deletion-cost";
    private readonly StartupClock _startup = new();
    private KubernetesLauncherOptions Options => options.Value.Kubernetes;

    public string Name => "kubernetes";

    public double? MeasuredStartupSeconds => _startup.MeanSeconds;

    public IReadOnlyList<ScaledSilo> Silos => [];

    public async Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken)
    {
        var scale = await kubernetes.AppsV1.ReadNamespacedDeploymentScaleAsync(Options.Deployment, Options.Namespace, cancellationToken: cancellationToken);
        var replicas = (scale.Spec?.Replicas ?? 0) + 1;
        var clock = Stopwatch.StartNew();
        await SetReplicasAsync(replicas, cancellationToken);
        LogScaled(Options.Deployment, replicas);
        while (clock.Elapsed < TimeSpan.FromSeconds(Options.StartTimeoutSeconds))
        {
            var status = await kubernetes.AppsV1.ReadNamespacedDeploymentStatusAsync(Options.Deployment, Options.Namespace, cancellationToken: cancellationToken);
            if ((status.Status?.ReadyReplicas ?? 0) >= replicas)
            {
                break;
            }

            await Task.Delay(1000, cancellationToken);
        }
        _startup.Record(clock.Elapsed);
        return new ScaledSilo($"{Options.Deployment}#{replicas}", Name, DateTime.UtcNow - clock.Elapsed, clock.Elapsed.TotalSeconds);
    }

    public async Task StopAsync(string siloName, CancellationToken cancellationToken)
    {
        var cost = new V1Patch("{\"metadata\":{\"annotations\":{\"" + DeletionCost + "\":\"-1000\"}}}", V1Patch.PatchType.MergePatch);
        await kubernetes.CoreV1.PatchNamespacedPodAsync(cost, siloName, Options.Namespace, cancellationToken: cancellationToken);
        var scale = await kubernetes.AppsV1.ReadNamespacedDeploymentScaleAsync(Options.Deployment, Options.Namespace, cancellationToken: cancellationToken);
        var replicas = Math.Max(0, (scale.Spec?.Replicas ?? 1) - 1);
        await SetReplicasAsync(replicas, cancellationToken);
        LogScaled(Options.Deployment, replicas);
    }

    private Task SetReplicasAsync(int replicas, CancellationToken cancellationToken)
    {
        var patch = new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch);
        return kubernetes.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, Options.Deployment, Options.Namespace, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} scaled to {Replicas} replicas")]
    private partial void LogScaled(string deployment, int replicas);
}
