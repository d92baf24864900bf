using System.Net;
using System.Net.Sockets;

namespace OrleansServe.GatewayBench;

/// <summary>Paths in the repository (found from the bench binaries up to OrleansServe.sln) and free ports.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Images => Path.GetFullPath(Path.Combine(Root, "..", "shared", "images", "imagenet-samples"));

    /// <summary>The gateway built beside this bench (same configuration), started as its own process.</summary>
    public static string GatewayDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var bin = Path.Combine(Root, "src", "Gateway", "bin", configuration);
        return Directory.EnumerateFiles(bin, "OrleansServe.Gateway.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
        throw new DirectoryNotFoundException("OrleansServe.sln not found above the bench binaries.");
    }
}
