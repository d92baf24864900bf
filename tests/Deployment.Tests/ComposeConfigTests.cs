namespace OrleansServe.Deployment.Tests;

/// <summary>
/// docker-compose itself accepts docker-compose.yml (Debian's docker-compose; CI installs it). Skipped where it is
/// not installed (a failure with <c>CI=true</c>); the other tests still check the file.
/// </summary>
public sealed class ComposeConfigTests
{
    [SkippableFact]
    public void DockerComposeConfigPasses()
    {
        var compose = Prerequisites.Tool("docker-compose", "apt-get install -y --no-install-recommends docker-compose");
        DockerfileTests.Run(compose, $"-f {Compose.File} config -q", RepoPaths.Root);
    }
}
