namespace OrleansServe.Tests;

/// <summary>
/// What some tests need from outside the repository: an installed tool, or the team's shared sample images beside
/// the clone. When it is there its path is returned. When it is missing the test is skipped, with a reason saying
/// how to run it, except in CI (<c>CI=true</c>), where a missing prerequisite fails the test instead: CI installs
/// everything, so a skip there would hide a broken machine. Callers are <c>[SkippableFact]</c> or
/// <c>[SkippableTheory]</c> (a plain <c>[Fact]</c> reports a skip as a failure). Compiled into every test project.
/// </summary>
internal static class Prerequisites
{
    /// <summary>True when the environment variable <c>CI</c> is <c>true</c> (as <c>.ci/run</c> sets it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The full path of <paramref name="tool"/> (a name looked up on PATH, or an absolute path), else skips or fails
    /// the test with <paramref name="install"/> (how to get it, e.g. <c>apt-get install -y redis-server</c>).
    /// </summary>
    public static string Tool(string tool, string install) =>
        Find(tool) ?? Unavailable($"{tool} is not installed; {install} to run this test");

    /// <summary>The full path of <paramref name="tool"/> (a name on PATH, or an absolute path), or null.</summary>
    public static string? Find(string tool) =>
        Path.IsPathRooted(tool)
            ? File.Exists(tool) ? tool : null
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, tool))
                .FirstOrDefault(File.Exists);

    /// <summary>
    /// <c>../shared/images/imagenet-samples</c> beside the repository (200 labelled ImageNet photos and
    /// <c>labels.csv</c>), else skips or fails the test.
    /// </summary>
    public static string SharedSamples()
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "images", "imagenet-samples"));
        return File.Exists(Path.Combine(folder, "labels.csv"))
            ? folder
            : Unavailable($"the 200 shared samples are not at {folder}; put the team's shared folder beside the repository " +
                "(../shared/images/imagenet-samples with labels.csv) to run this test");
    }

    /// <summary>
    /// A prerequisite is missing (<paramref name="what"/> says which and how to get it): skips the test, or with
    /// <c>CI=true</c> fails it. Never returns.
    /// </summary>
    public static string Unavailable(string what) => InCi
        ? throw new Xunit.Sdk.XunitException($"CI=true, so this test must run, but {what}.")
        : throw new SkipException($"{what} (with CI=true a missing prerequisite fails instead).");

    private static string RepositoryRoot()
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
