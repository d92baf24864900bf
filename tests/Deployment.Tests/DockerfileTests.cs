using System.Diagnostics;
using System.Xml.Linq;

namespace OrleansServe.Deployment.Tests;

/// <summary>deploy/docker/Dockerfile: cached restore, non-root, health check, the right entry point for each app.</summary>
public sealed class DockerfileTests
{
    public const string Path = "deploy/docker/Dockerfile";

    private static readonly Dockerfile File = Dockerfile.Load(Path);

    public static TheoryData<string, string> Apps => new()
    {
        { "silo", "src/Silo/Silo.csproj" },
        { "gateway", "src/Gateway/Gateway.csproj" },
    };

    [Fact]
    public void RestoreLayerCopiesEveryProjectTheAppsReferenceBeforeTheSources()
    {
        var build = File["build"];
        var restore = build.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore"));
        Assert.True(restore > 0, "the build stage has no `RUN dotnet restore`");
        var copied = build.Instructions.Take(restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Directory.Build.props", copied);
        Assert.Contains("Directory.Packages.props", copied);
        foreach (var project in Apps.Select(a => (string)a[1]).SelectMany(ProjectClosure).Distinct())
        {
            Assert.Contains(project, copied);
        }
        Assert.DoesNotContain(build.Instructions.Take(restore), i => i.Keyword == "COPY" && i.Arguments.StartsWith("src/ ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void AppStageRunsItsAssemblyAsNonRootBehindTheEntrypoint(string target, string project)
    {
        var lineage = File.Lineage(target).ToList();
        var user = lineage.SelectMany(s => s.All("USER")).First();
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.Contains("entrypoint.sh", lineage.SelectMany(s => s.All("ENTRYPOINT")).First());
        Assert.NotEmpty(File[target].All("HEALTHCHECK"));

        var assembly = XDocument.Load(RepoPaths.Of(project)).Descendants("AssemblyName").Single().Value;
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", File[target].All("CMD").Single());
        Assert.Contains(File[target].All("COPY"), c => c.Contains("/models/", StringComparison.Ordinal));
    }

    [Fact]
    public void ScriptsTheImageRunsAreExecutableInGit()
    {
        foreach (var script in new[] { "deploy/docker/entrypoint.sh", "deploy/docker/healthcheck.sh" })
        {
            Assert.Contains(File["runtime"].All("COPY"), c => c.Contains(script, StringComparison.Ordinal));
            // Docker copies the file's mode from the build context: executable on disk, and in git so clones get it.
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(System.IO.File.GetUnixFileMode(RepoPaths.Of(script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
            }
            if (Directory.Exists(RepoPaths.Of(".git")) || System.IO.File.Exists(RepoPaths.Of(".git")))
            {
                Assert.StartsWith("100755 ", Run("git", $"ls-files -s {script}", RepoPaths.Root));
            }
        }
    }

    [Fact]
    public void EntrypointGivesEachReplicaItsOwnAddressAndNameUnlessSetFromOutside()
    {
        var script = RepoPaths.Of("deploy/docker/entrypoint.sh");
        var own = Variables(Run("bash", $"{script} env", RepoPaths.Root, ("Silo__Address", null), ("Silo__Name", null)));
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", own["Silo__Address"]);
        Assert.False(string.IsNullOrWhiteSpace(own["Silo__Name"]));
        Assert.DoesNotContain("/", own["Silo__Name"]);

        var given = Variables(Run("bash", $"{script} env", RepoPaths.Root, ("Silo__Address", "10.1.2.3"), ("Silo__Name", "pod-a")));
        Assert.Equal("10.1.2.3", given["Silo__Address"]);
        Assert.Equal("pod-a", given["Silo__Name"]);
    }

    /// <summary>The project and every project it references, as paths from the repository root.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        yield return project;
        var folder = System.IO.Path.GetDirectoryName(RepoPaths.Of(project))!;
        foreach (var reference in XDocument.Load(RepoPaths.Of(project)).Descendants("ProjectReference"))
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
            foreach (var inner in ProjectClosure(System.IO.Path.GetRelativePath(RepoPaths.Root, full).Replace('\\', '/')))
            {
                yield return inner;
            }
        }
    }

    private static Dictionary<string, string> Variables(string env) =>
        env.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    internal static string Run(string file, string arguments, string directory, params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"{file} {arguments} did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {error.Result}");
        return output.Result.Trim();
    }
}
