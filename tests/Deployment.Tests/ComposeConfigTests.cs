namespace OrleansServe.Deployment.Tests;

/// <summary>docker-compose itself accepts docker-compose.yml (Debian's docker-compose; CI installs it).</summary>
public sealed class ComposeConfigTests
{
    [Fact]
    public void DockerComposeConfigPasses()
    {
        var compose = FindOnPath("docker-compose");
        if (compose is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true",
                "CI=true but docker-compose is not installed (apt-get install -y docker-compose).");
            return; // A developer machine without it: the other tests still check the file.
        }
        DockerfileTests.Run(compose, $"-f {Compose.File} config -q", RepoPaths.Root);
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
