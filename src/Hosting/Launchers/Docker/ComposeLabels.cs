namespace OrleansServe.Hosting.Launchers.Docker;

/// <summary>The labels docker compose puts on a service's containers.</summary>
internal static class ComposeLabels
{
    public const string Project = "com.docker.compose.project";
    public const string Service = "com.docker.compose.service";
    public const string Number = "com.docker.compose.container-number";
    public const string OneOff = "com.docker.compose.oneoff";
}
