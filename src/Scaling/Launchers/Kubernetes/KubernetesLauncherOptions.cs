namespace OrleansServe.Scaling.Launchers.Kubernetes;

/// <summary>The <c>Scaling:Kubernetes</c> section: silos as pods of a Deployment whose replicas the scaler sets.</summary>
public sealed class KubernetesLauncherOptions
{
    /// <summary>The namespace of the silo Deployment. The default is "default".</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>The silo Deployment's name. Its pods should set <c>Silo__Name</c> to their pod name (downward API). The default is "orleansserve-silo".</summary>
    public string Deployment { get; set; } = "orleansserve-silo";

    /// <summary>A kubeconfig file; empty means in-cluster configuration when running in a pod, else the default kubeconfig. The default is empty.</summary>
    public string KubeConfigPath { get; set; } = "";

    /// <summary>Longest wait for the Deployment's ready replicas to reach the new count. The default is 180 s.</summary>
    public double StartTimeoutSeconds { get; set; } = 180;
}
