using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansServe.Grains;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Launchers;
using OrleansServe.Scaling.Launchers.Process;

namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>
/// Starts silos as local processes (<c>dotnet OrleansServe.Silo.dll</c>) with ports it allocates itself, waits for
/// their <c>/health</c>, stops them with SIGTERM (then kills after a timeout), tells membership at once when one exits
/// unexpectedly, and kills whatever is left when this host stops. Keeps a warm pool of idle silos when
/// <c>Scaling:Process:WarmSilos</c> asks for one.
/// </summary>
internal sealed partial class ProcessSiloLauncher(
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
    private readonly Lock _pool = new();
    private volatile bool _hostStopping;
    private ProcessLauncherOptions Options => options.Value.Process;

    /// <summary>The nice value of a warm silo: it runs on what the serving replicas leave over.</summary>
    private const int WarmNice = 19;

    public string Name => "process";

    public double? MeasuredStartupSeconds => _startup.MeanSeconds;

    private int WarmCount => _silos.Values.Count(s => s.Warm);

    public IReadOnlyList<ScaledSilo> Silos => _silos.Values.Select(s => s.ToScaledSilo()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken) => StartAsync(warm: false, cancellationToken);

    /// <summary>Starts a silo process; a warm one starts without a model server and stays at <see cref="WarmNice"/>.</summary>
    private async Task<ScaledSilo> StartAsync(bool warm, CancellationToken cancellationToken)
    {
        var ports = new SiloProcessPorts(_ports.Next(), _ports.Next(), _ports.Next());
        var name = $"{Options.NamePrefix}-{ports.SiloPort}";
        // Lowering a nice value again needs privilege: without it a silo starts (and waits warm) at normal priority.
        var nice = !PosixPriority.CanRestore ? 0 : warm ? WarmNice : Options.StartNice;
        var start = new ProcessStartInfo(nice > 0 ? "/usr/bin/nice" : Options.DotnetPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (nice > 0)
        {
            // nice execs the host in place: the process id stays the silo's.
            foreach (var argument in new[] { "-n", nice.ToString(CultureInfo.InvariantCulture), Options.DotnetPath })
            {
                start.ArgumentList.Add(argument);
            }
        }
        var siloPath = SiloPathResolver.Resolve(Options.SiloPath);
        start.ArgumentList.Add(siloPath);
        start.WorkingDirectory = Path.GetDirectoryName(siloPath)!;
        foreach (var (key, value) in SiloEnvironment.For(cluster.Value, localSilo.Value, name, ports, Options.Environment))
        {
            start.Environment[key] = value;
        }
        if (warm)
        {
            start.Environment["Silo__Servers"] = "0";
        }

        var clock = Stopwatch.StartNew();
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Options.DotnetPath} {siloPath}.");
        var silo = new SiloProcess(name, process, ports, DateTime.UtcNow) { Warm = warm };
        _silos[name] = silo;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { LogSiloOutput(name, e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { LogSiloOutput(name, e.Data); } };
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
            await TerminateAsync(silo, CancellationToken.None);
            throw;
        }
        if (nice > 0 && !warm && !PosixPriority.SetNice(process.Id, 0))
        {
            LogPriorityNotRestored(name);
        }

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
            if (silo.Process.HasExited)
            {
                throw new InvalidOperationException($"Silo {silo.Name} exited with code {silo.Process.ExitCode} while starting.");
            }

            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
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

    public bool TryClaimWarm(string siloName)
    {
        if (!_silos.TryGetValue(siloName, out var silo))
        {
            return false;
        }

        lock (_pool)
        {
            if (!silo.Warm || silo.StartupSeconds is null || silo.Process.HasExited)
            {
                return false;
            }

            silo.Warm = false;
        }
        if (PosixPriority.CanRestore && !PosixPriority.SetNice(silo.Process.Id, 0))
        {
            LogPriorityNotRestored(siloName);
        }

        LogClaimed(siloName);
        return true;
    }

    /// <summary>Stops the silo, or, while the warm pool is short and this host is not stopping, keeps it there.</summary>
    public Task StopAsync(string siloName, CancellationToken cancellationToken)
    {
        if (!_silos.TryGetValue(siloName, out var silo))
        {
            return Task.CompletedTask;
        }

        lock (_pool)
        {
            if (!_hostStopping && !silo.Warm && !silo.Process.HasExited && WarmCount < Options.WarmSilos)
            {
                silo.Warm = true;
                if (PosixPriority.CanRestore)
                {
                    PosixPriority.SetNice(silo.Process.Id, WarmNice);
                }

                LogKeptWarm(siloName);
                return Task.CompletedTask;
            }
        }
        return TerminateAsync(silo, cancellationToken);
    }

    private async Task TerminateAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        var siloName = silo.Name;
        silo.Stopping = true;
        var clock = Stopwatch.StartNew();
        try
        {
            if (!silo.Process.HasExited)
            {
                PosixSignals.Terminate(silo.Process.Id);
            }

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
        if (silo.Stopping)
        {
            return;
        }

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
            if (!silo.Process.HasExited)
            {
                silo.Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// Fills the warm pool once this host has started (an embedded cluster's primary silo must be up to join), where the
    /// scaler runs: nowhere else would anything take a silo from it.
    /// </summary>
    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && Options.WarmSilos > 0)
        {
            var lifetime = services.GetService<IHostApplicationLifetime>();
            if (lifetime is null)
            {
                _ = FillWarmPoolAsync();
            }
            else
            {
                lifetime.ApplicationStarted.Register(() => _ = FillWarmPoolAsync());
            }
        }
        return Task.CompletedTask;
    }

    private async Task FillWarmPoolAsync()
    {
        while (!_hostStopping && WarmCount < Options.WarmSilos)
        {
            try
            {
                var silo = await StartAsync(warm: true, CancellationToken.None);
                LogWarmStarted(silo.Name, silo.StartupSeconds ?? 0);
            }
            catch (Exception ex)
            {
                LogWarmFailed(ex);
                return;
            }
        }
    }

    /// <summary>When this host stops, its launched silos stop too (gracefully, in parallel, bounded by the host's timeout).</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _hostStopping = true;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} started warm in {StartupSeconds:0.0} s: in the cluster, no model server, waiting in the pool")]
    private partial void LogWarmStarted(string silo, double startupSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm pool could not be filled")]
    private partial void LogWarmFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} taken from the warm pool")]
    private partial void LogClaimed(string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} drained: kept in the warm pool instead of stopping")]
    private partial void LogKeptWarm(string silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[{Silo}] {Line}")]
    private partial void LogSiloOutput(string silo, string line);
}
