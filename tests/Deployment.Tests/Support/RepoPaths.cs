namespace OrleansServe.Deployment.Tests.Support;

/// <summary>Files of the repository, found from the test's output folder upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(Of(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansServe.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"OrleansServe.sln not found above {AppContext.BaseDirectory}.");
    }
}
