namespace OrleansServe.Bench;

/// <summary>Finds the repository root (the folder with OrleansServe.sln) above the current or the application directory.</summary>
internal static class RepoLocator
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OrleansServe.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (no OrleansServe.sln found).");
    }
}
