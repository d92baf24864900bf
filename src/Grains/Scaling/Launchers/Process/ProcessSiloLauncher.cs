using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansServe.Grains.Hosting;

namespace OrleansServe.Grains.Scaling.Launchers.Process;

/// <summary>
/// Starts silos as local processes (<c>dotnet OrleansServe.Silo.dll</c>) with ports it allocates itself, waits for
/// their <c>/health</c>, stops them with SIGTERM (then kills after a timeout), tells membership at once when one exits
/// unexpectedly, and kills whatever is left when this host stops.
/// </summary>
public sealed partial class ProcessSiloLauncher(
    IOptions<ScalingOptions> options,
    IOptions<ClusterSettings> cluster,
    IOptions<SiloSettings> localSilo,
    IServiceProvider services,
    ILogger<ProcessSiloLauncher> logger) : ISiloLauncher, IHostedService, IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ConcurrentDictionary<string, SiloProcess> _silos = new(StringComparer.Ordinal);
    private readonly PortAllocator _ports = new();
    private readonly StartupClock _startup = new();
    private ProcessLauncherOptions Options => options.Value.Process;

    public string Name => "process";

    public double? MeasuredStartupSeconds => _startup.MeanSeconds;

    public IReadOnlyList<ScaledSilo> Silos => _silos.Values.Select(s => s.ToScaledSilo()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public async Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken)
    {
        var ports = new SiloProcessPorts(_ports.Next(), _ports.Next(), _ports.Next());
        var name = $"{Options.NamePrefix}-{ports.SiloPort}";
        var niced = Options.StartNice > 0 && PosixPriority.CanRestore;
        var start = new ProcessStartInfo(niced ? "/usr/bin/nice" : Options.DotnetPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (niced)
        {
            // nice execs the host in place: the process id stays the silo's.
            foreach (var argument in new[] { "-n", Options.StartNice.ToString(CultureInfo.InvariantCulture), Options.DotnetPath }) start.ArgumentList.Add(argument);
        }
        var siloPath = SiloPathResolver.Resolve(Options.SiloPath);
        start.ArgumentList.Add(siloPath);
        start.WorkingDirectory = Path.GetDirectoryName(siloPath)!;
        foreach (var (key, value) in SiloEnvironment.For(cluster.Value, localSilo.Value, name, ports, Options.Environment))
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Options.DotnetPath} {siloPath}.");
        var silo = new SiloProcess(name, process, ports, DateTime.UtcNow);
        _silos[name] = silo;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) LogSiloOutput(name, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) LogSiloOutput(name, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(silo);
        LogLaunching(name, process.Id, ports.SiloPort, ports.GatewayPort, ports.HttpPort);

        try
        {
            await WaitHealthyAsync(silo, cancellationToken);
        }
        catch
        {
            await StopAsync(name, CancellationToken.None);
            throw;
        }
        if (niced && !PosixPriority.SetNice(process.Id, 0)) LogPriorityNotRestored(name);
        silo.StartupSeconds = clock.Elapsed.TotalSeconds;
        _startup.Record(clock.Elapsed);
        LogLaunched(name, clock.ElapsedMilliseconds);
        return silo.ToScaledSilo();
    }

    private async Task WaitHealthyAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var url = $"http://127.0.0.1:{silo.Ports.HttpPort}/health";
        while (deadline.Elapsed < TimeSpan.FromSeconds(Options.StartTimeoutSeconds))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (silo.Process.HasExited) throw new InvalidOperationException($"Silo {silo.Name} exited with code {silo.Process.ExitCode} while starting.");
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Silo {silo.Name} was not healthy within {Options.StartTimeoutSeconds} s ({url}).");
    }

    public async Task StopAsync(string siloName, CancellationToken cancellationToken)
    {
        if (!_silos.TryGetValue(siloName, out var silo)) return;
        silo.Stopping = true;
        var clock = Stopwatch.StartNew();
        try
        {
            if (!silo.Process.HasExited) PosixSignals.Terminate(silo.Process.Id);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Options.StopTimeoutSeconds));
            await silo.Process.WaitForExitAsync(timeout.Token);
            LogStopped(siloName, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            LogKilled(siloName, Options.StopTimeoutSeconds);
            Kill(silo);
        }
        finally
        {
            _silos.TryRemove(siloName, out _);
            silo.Process.Dispose();
        }
    }

    private void OnExited(SiloProcess silo)
    {
        if (silo.Stopping) return;
        _silos.TryRemove(silo.Name, out _);
        var membership = services.GetService<IClusterMembershipService>();
        var member = membership?.CurrentSnapshot.Members.Values.FirstOrDefault(m => m.Name == silo.Name && m.Status != SiloStatus.Dead);
        LogCrashed(silo.Name, SafeExitCode(silo));
        if (membership is not null && member is not null)
        {
            // Declared dead in ~0.15 s instead of after missed probes, so its work is retried elsewhere at once.
            _ = membership.TryKill(member.SiloAddress);
        }
    }

    private static int SafeExitCode(SiloProcess silo)
    {
        try
        {
            return silo.Process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static void Kill(SiloProcess silo)
    {
        try
        {
            if (!silo.Process.HasExited) silo.Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>When this host stops, its launched silos stop too (gracefully, in parallel, bounded by the host's timeout).</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_silos.Keys.ToList().Select(name => StopAsync(name, cancellationToken)));
        }
        catch (OperationCanceledException)
        {
        }
        Dispose();
    }

    /// <summary>Kills whatever is still running: no silo process outlives its launcher.</summary>
    public void Dispose()
    {
        foreach (var silo in _silos.Values)
        {
            silo.Stopping = true;
            Kill(silo);
        }
        _silos.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Launching silo {Silo} (pid {Pid}, silo port {SiloPort}, gateway port {GatewayPort}, http port {HttpPort})")]
    private partial void LogLaunching(string silo, int pid, int siloPort, int gatewayPort, int httpPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} healthy {ElapsedMs} ms after launch")]
    private partial void LogLaunched(string silo, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopped {ElapsedMs} ms after SIGTERM")]
    private partial void LogStopped(string silo, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not stop within {TimeoutSeconds} s of SIGTERM: killed")]
    private partial void LogKilled(string silo, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} exited unexpectedly with code {ExitCode}: told membership it is dead")]
    private partial void LogCrashed(string silo, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not be restored to normal CPU priority after its start")]
    private partial void LogPriorityNotRestored(string silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[{Silo}] {Line}")]
    private partial void LogSiloOutput(string silo, string line);
}
