using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansServe.Ui.Tests;

/// <summary>
/// The gateway's build output run as a real process on free loopback ports (WebApplicationFactory does not listen on a
/// socket, and a browser needs one). Its output is kept for the failure message; it is killed on dispose.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string AdminKey = "ui-test-key";
    private readonly StringBuilder _log = new();
    private Process? _process;

    public GatewayProcess()
    {
        HttpPort = FreePort();
        SiloPort = FreePort();
        GatewayPort = FreePort();
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        var dll = RepoPaths.GatewayDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["Urls"] = BaseAddress.ToString().TrimEnd('/');
        env["Gateway__GrpcPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Silo__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Silo__GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Silo__Dashboard"] = "false";
        env["Gateway__AdminKey"] = AdminKey;
        // Every image model of the catalog: the page's classify box offers them all and picks the first (mobilenetv2).
        string[] models = ["A", "B", "C", "D", "mobilenetv2", "resnet18"];
        for (var i = 0; i < models.Length; i++)
        {
            env[$"Models__Load__{i}"] = models[i];
        }
        env["Logging__LogLevel__Default"] = "Warning";
        // Every request counts as slow, so the page's slow-request table has rows to show.
        env["Gateway__SlowRequestMs"] = "0";

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The gateway's /health was not 200 within {timeout}:\n{Log}");
    }

    /// <summary>Kills the process (as a crash or a redeploy would) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>A crash and a restart on the same ports, as an operator's page sees a redeploy.</summary>
    public async Task RestartAsync(TimeSpan timeout)
    {
        await KillAsync();
        await StartAsync(timeout);
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            // Keep the tail only: a long run must not grow the test's memory.
            if (_log.Length > 200_000)
            {
                _log.Remove(0, 100_000);
            }
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
