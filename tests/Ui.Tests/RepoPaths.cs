namespace OrleansServe.Ui.Tests;

/// <summary>Where things are: the repository (the folder with OrleansServe.sln), its test photos, the gateway's build.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real photos committed for tests (tests/images).</summary>
    public static string TestImages => Path.Combine(Root, "tests", "images");

    /// <summary>Debug or Release: the gateway is looked for in the same configuration as these tests were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string GatewayDll()
    {
        var bin = Path.Combine(Root, "src", "Gateway", "bin", Configuration);
        var dll = Directory.Exists(bin) ? Directory.GetFiles(bin, "OrleansServe.Gateway.dll", SearchOption.AllDirectories).FirstOrDefault() : null;
        return dll ?? throw new InvalidOperationException($"No OrleansServe.Gateway.dll under {bin}: build the solution in {Configuration} first.");
    }

    /// <summary>Test artefacts (screenshots) beside the test results: TestResults/ui under the repository root.</summary>
    public static string Artefacts()
    {
        var dir = Path.Combine(Root, "TestResults", "ui");
        Directory.CreateDirectory(dir);
        return dir;
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
        throw new InvalidOperationException($"No OrleansServe.sln above {AppContext.BaseDirectory}.");
    }
}
