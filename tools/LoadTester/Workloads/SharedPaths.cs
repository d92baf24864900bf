namespace OrleansServe.LoadTester.Workloads;

/// <summary>Finds files the tool reads by default: the repository's own (<c>workloads/</c>) and the team's shared folder.</summary>
public static class SharedPaths
{
    /// <summary>
    /// The first existing <c>shared/<paramref name="relative"/></c> found walking up from the working
    /// directory and from the tool's own folder, or null.
    /// </summary>
    public static string? Find(string relative) => FindUp(Path.Combine("shared", relative));

    /// <summary>The repository's <c>workloads/{name}.txt</c>, found walking up the same way, or null.</summary>
    public static string? Workload(string name) => FindUp(Path.Combine("workloads", $"{name}.txt"));

    /// <summary>
    /// The JPEGs image runs send by default: the team's 200 samples when <c>../shared</c> is there, else the two
    /// photos the repository carries (<c>tests/images</c>), so a fresh clone runs them too; null when neither is found.
    /// </summary>
    public static string? DefaultImages() => Find(Path.Combine("images", "imagenet-samples")) ?? FindUp(Path.Combine("tests", "images"));

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
