using System.Reflection;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>Where the repository and its built outputs are, found by walking up from the test binaries to OrleansServe.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever this test assembly was built as, so processes run the same build.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The real photos committed for tests (tests/images).</summary>
    public static string TestImages => Path.Combine(Root, "tests", "images");

    /// <summary>The built dll of a project under src/ (e.g. "Silo" → src/Silo/bin/…/OrleansServe.Silo.dll), or under tools/.</summary>
    public static string BuiltDll(string project, string folder = "src")
    {
        var bin = Path.Combine(Root, folder, project, "bin", Configuration);
        var dll = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, $"OrleansServe.{project}.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return dll ?? throw new FileNotFoundException($"OrleansServe.{project}.dll not found under {bin}: build the solution first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansServe.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No OrleansServe.sln above {AppContext.BaseDirectory}.");
    }
}
