using OrleansServe.Scaling.Launchers.Docker;
using OrleansServe.Scaling.Launchers.Kubernetes;
using OrleansServe.Scaling.Launchers.Process;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling;

/// <summary>The <c>Scaling</c> section: the autoscaler's policy, bounds, timing and silo launcher.</summary>
public sealed class ScalingOptions
{
    public const string Section = "Scaling";

    /// <summary>Whether the scaler polls and acts. Off, it still answers status calls. The default is false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The policy: <c>slo</c>, <c>hpa</c> (at <c>Hpa:TargetCpuPercent</c>), <c>hpa70</c>, <c>hpa90</c> or <c>queue</c>. The default is "slo".</summary>
    public string Policy { get; set; } = "slo";

    /// <summary>
    /// How often the scaler reads the registry (the <c>slo</c> policy decides on every poll; hpa and queue keep their own
    /// 15 s sync). Servers report every second, so polling faster gains nothing. The default is 1 s.
    /// </summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>Fewest replicas (model servers taking work). The default is 1.</summary>
    public int MinReplicas { get; set; } = 1;

    /// <summary>Most replicas. The default is 6.</summary>
    public int MaxReplicas { get; set; } = 6;

    /// <summary>
    /// Most replicas the scaler runs on one silo before launching another; 0 means as many as the silo's cores hold
    /// (cores ÷ the workers each server's lane has, at least 1). The default is 0.
    /// </summary>
    public int MaxReplicasPerSilo { get; set; }

    /// <summary>The latency objective the <c>slo</c> policy plans for. The default is 500 ms.</summary>
    public double P99TargetMs { get; set; } = 500;

    /// <summary>Cold start of a launched silo assumed until the launcher has measured one. The default is 8 s.</summary>
    public double StartupSeconds { get; set; } = 8;

    /// <summary>Decisions kept in the history. The default is 200.</summary>
    public int HistorySize { get; set; } = 200;

    /// <summary>Models a replica started by the scaler loads; empty means the models of the servers already running. The default is empty.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>How silos are added: <c>none</c> (replicas on existing silos only), <c>process</c>, <c>docker</c> or <c>kubernetes</c>. The default is "process".</summary>
    public string Launcher { get; set; } = "process";

    public HpaOptions Hpa { get; set; } = new();

    public QueuePolicyOptions Queue { get; set; } = new();

    public SloOptions Slo { get; set; } = new();

    public ProcessLauncherOptions Process { get; set; } = new();

    public DockerLauncherOptions Docker { get; set; } = new();

    public KubernetesLauncherOptions Kubernetes { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!PolicyFactory.IsKnown(Policy))
        {
            yield return $"Scaling:Policy '{Policy}' is unknown; use {string.Join(", ", PolicyFactory.Names)}.";
        }

        if (PollSeconds <= 0)
        {
            yield return "Scaling:PollSeconds must be positive.";
        }

        if (MinReplicas < 0)
        {
            yield return "Scaling:MinReplicas must not be negative.";
        }

        if (MaxReplicas < Math.Max(1, MinReplicas))
        {
            yield return "Scaling:MaxReplicas must be at least Scaling:MinReplicas and 1.";
        }

        if (MaxReplicasPerSilo < 0)
        {
            yield return "Scaling:MaxReplicasPerSilo must not be negative.";
        }

        if (P99TargetMs <= 0)
        {
            yield return "Scaling:P99TargetMs must be positive.";
        }

        if (StartupSeconds < 0)
        {
            yield return "Scaling:StartupSeconds must not be negative.";
        }

        if (HistorySize < 1)
        {
            yield return "Scaling:HistorySize must be at least 1.";
        }

        if (Process.WarmSilos < 0)
        {
            yield return "Scaling:Process:WarmSilos must not be negative.";
        }

        if (Launcher is not ("none" or "process" or "docker" or "kubernetes"))
        {
            yield return $"Scaling:Launcher '{Launcher}' is unknown; use none, process, docker or kubernetes.";
        }

        foreach (var error in Hpa.Validate().Concat(Queue.Validate()).Concat(Slo.Validate()))
        {
            yield return error;
        }
    }
}
