using System.Diagnostics;
using System.Net.Sockets;
using OrleansServe.Hosting.Launchers.Process;

namespace OrleansServe.Scaling.Tests.ScaleOut;

/// <summary>A throwaway <c>redis-server</c> on 127.0.0.1 and a free port, killed on dispose (and if the test process exits).</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int Port { get; }

    public string Connection => $"127.0.0.1:{Port}";

    /// <summary>Skips the calling test (fails it with <c>CI=true</c>) when redis-server is not installed; call it first.</summary>
    public static void Require() => _ = Prerequisites.Tool("redis-server", "apt-get install -y redis-server");

    public static async Task<RedisServer> StartAsync(PortAllocator ports)
    {
        var port = ports.Next();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install -y redis-server); .ci/run installs it.", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        server.Dispose();
        throw new TimeoutException($"redis-server did not listen on {port} within 10 s.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
