using System.Diagnostics;

namespace OrleansServe.GatewayBench;

/// <summary>The gateway (embedded silo, one model server, no dashboard) as a child process, killed on dispose.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private GatewayProcess(Process process, Uri uri, Uri grpcUri)
    {
        _process = process;
        Uri = uri;
        GrpcUri = grpcUri;
    }

    public Uri Uri { get; }

    /// <summary>The gRPC service's address (<c>Gateway:GrpcPort</c>, HTTP/2 only).</summary>
    public Uri GrpcUri { get; }

    /// <summary>The models folder of the gateway's output, where the seeded ResNet18 graph is written when no real one is present.</summary>
    public string ModelsDirectory => Path.Combine(_process.StartInfo.WorkingDirectory, "models");

    /// <summary>Starts <paramref name="dll"/> (default: the gateway built beside the bench) with <c>Engine:MaxQueueWaitMs</c> = <paramref name="queueWaitMs"/>.</summary>
    public static async Task<GatewayProcess> StartAsync(string? dll, int queueWaitMs)
    {
        dll ??= Repo.GatewayDll();
        var uri = new Uri($"http://127.0.0.1:{Repo.FreePort()}");
        var grpcPort = Repo.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Urls"] = uri.ToString().TrimEnd('/');
        info.Environment["Gateway__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Silo__SiloPort"] = Repo.FreePort().ToString();
        info.Environment["Silo__GatewayPort"] = Repo.FreePort().ToString();
        info.Environment["Silo__Dashboard"] = "false";
        info.Environment["Cluster__ClusterId"] = $"bench-{Guid.NewGuid():N}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Engine__MaxQueueWaitMs"] = queueWaitMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // As deploy/docker/Dockerfile ships it: a 64 MB gen0 budget (the runtime reads it only from the environment).
        info.Environment["DOTNET_GCgen0size"] = "0x4000000";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"  [gateway] {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, uri, new Uri($"http://127.0.0.1:{grpcPort}"));
        using var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return gateway;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout.
            }
            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(250);
        }
        gateway.Dispose();
        throw new InvalidOperationException("The gateway did not become healthy.");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
