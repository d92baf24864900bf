namespace OrleansServe.Engine;

/// <summary>Finds the models folder: an absolute path as given; a relative one against the current directory, then the application's base directory.</summary>
internal static class ModelDirectory
{
    public static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return RequireExisting(configured, configured);
        }
        string[] candidates =
        [
            Path.GetFullPath(configured, Environment.CurrentDirectory),
            Path.GetFullPath(configured, AppContext.BaseDirectory),
        ];
        foreach (var candidate in candidates)
        {
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"Models:Directory '{configured}' was found neither at {candidates[0]} nor at {candidates[1]}.");
    }

    private static string RequireExisting(string path, string configured) =>
        System.IO.Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"Models:Directory '{configured}' does not exist.");
}
