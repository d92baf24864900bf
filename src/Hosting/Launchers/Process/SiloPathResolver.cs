namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>Finds <c>OrleansServe.Silo.dll</c>: the configured path, next to this process, or a build of src/Silo above it.</summary>
internal static class SiloPathResolver
{
    public const string FileName = "OrleansServe.Silo.dll";

    /// <exception cref="FileNotFoundException">No silo build was found; the message says what to set.</exception>
    public static string Resolve(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : throw new FileNotFoundException($"Scaling:Process:SiloPath '{configured}' does not exist.", configured);
        }
        var local = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Silo", "bin");
            if (!Directory.Exists(bin))
            {
                continue;
            }

            var newest = Directory.EnumerateFiles(bin, FileName, SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        throw new FileNotFoundException($"{FileName} not found next to this process or under src/Silo/bin; set Scaling:Process:SiloPath.");
    }
}
