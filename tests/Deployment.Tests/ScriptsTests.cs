namespace OrleansServe.Deployment.Tests;

/// <summary>The shell scripts parse, and scale.sh refuses anything but a count.</summary>
public sealed class ScriptsTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("scripts"), "*.sh").Concat(Directory.GetFiles(RepoPaths.Of("deploy/docker"), "*.sh")).Order())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptParses(string script) => DockerfileTests.Run("bash", $"-n {script}", RepoPaths.Root);

    [Theory]
    [InlineData("")]
    [InlineData("three")]
    [InlineData("-1")]
    public void ScaleRejectsAnythingButACount(string argument)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", $"scripts/scale.sh {argument}")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.WaitForExit(30_000);
        Assert.Equal(2, process.ExitCode);
    }
}
