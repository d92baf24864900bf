using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OrleansServe.Grains;

namespace OrleansServe.Hosting;

/// <summary>
/// Stops this silo (gracefully) once the process named by <see cref="SiloSettings.ParentProcessId"/> has exited:
/// a silo started by a launcher whose process was killed would otherwise serve on, unowned, and keep a core busy.
/// </summary>
internal sealed partial class ParentProcessWatch(
    IOptions<SiloSettings> settings,
    IHostApplicationLifetime lifetime,
    ILogger<ParentProcessWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parentId = settings.Value.ParentProcessId;
        if (parentId == 0)
        {
            return;
        }

        using var parent = Open(parentId);
        using var timer = new PeriodicTimer(Every);
        while (parent is { HasExited: false } && await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
        }
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        LogParentGone(parentId);
        lifetime.StopApplication();
    }

    private static Process? Open(int id)
    {
        try
        {
            return Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            return null; // already gone
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {ParentProcessId} has exited: stopping this silo")]
    private partial void LogParentGone(int parentProcessId);
}
