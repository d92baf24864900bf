namespace OrleansServe.Scaling.Launchers.Docker;

/// <summary>The <c>Scaling:Docker</c> section: silos as containers of a docker compose project's silo service.</summary>
public sealed class DockerLauncherOptions
{
    /// <summary>Docker engine endpoint. The default is "unix:///var/run/docker.sock".</summary>
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>The compose project name (label <c>com.docker.compose.project</c>). The default is "orleansserve".</summary>
    public string Project { get; set; } = "orleansserve";

    /// <summary>The compose service that runs silos (label <c>com.docker.compose.service</c>). The default is "silo".</summary>
    public string Service { get; set; } = "silo";

    /// <summary>Longest wait for a new container to be healthy (or running, without a health check). The default is 120 s.</summary>
    public double StartTimeoutSeconds { get; set; } = 120;

    /// <summary>Seconds docker waits after SIGTERM before it kills a stopping container. The default is 30.</summary>
    public uint StopTimeoutSeconds { get; set; } = 30;
}
