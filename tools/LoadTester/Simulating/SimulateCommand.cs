using System.Diagnostics;
using OrleansServe.LoadTester.Cli;

namespace OrleansServe.LoadTester.Simulating;

/// <summary>
/// <c>simulate</c>: the autoscaling simulator, run as its own process (<c>tools/ScalingSimulator</c>, started with
/// <c>dotnet run</c> in this build's configuration) with the remaining arguments. It became a separate program because
/// the production scaling policies' assembly brought SkiaSharp 4 (image preprocessing) while this tool's plots need
/// the SkiaSharp 3 that ScottPlot is built on; the policies now live in OrleansServe.Scaling, which brings no
/// SkiaSharp, so the simulator could run in this process (docs/autoscaling/README.md, "Where it is wired").
/// </summary>
public static class SimulateCommand
{
    private const string ProjectPath = "tools/ScalingSimulator/ScalingSimulator.csproj";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var project = FindProject(AppContext.BaseDirectory)
            ?? throw new UsageException($"simulate runs {ProjectPath} from the source tree, which is not above {AppContext.BaseDirectory}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in (string[])["run", "-c", Configuration(AppContext.BaseDirectory), "--project", project, "--"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new IOException("could not start dotnet");
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }

    /// <summary>The simulator's project file in the first folder above <paramref name="from"/> that has one.</summary>
    internal static string? FindProject(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ProjectPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Release when this tool runs from a Release output folder, else Debug.</summary>
    internal static string Configuration(string baseDirectory) =>
        baseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
}
