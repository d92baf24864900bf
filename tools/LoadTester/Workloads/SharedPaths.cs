namespace OrleansServe.LoadTester.Workloads;

/// <summary>Finds the team's shared folder (<c>../shared</c> beside the repository root).</summary>
public static class SharedPaths
{
    /// <summary>
    /// The first existing <c>shared/<paramref name="relative"/></c> found walking up from the working
    /// directory and from the tool's own folder, or null.
    /// </summary>
    public static string? Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
