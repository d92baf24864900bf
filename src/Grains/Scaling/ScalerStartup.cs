using Orleans.Runtime;
using OrleansServe.Scaling;

namespace OrleansServe.Grains.Scaling;

/// <summary>
/// On a silo with <c>Scaling:Enabled</c>, activates the scaler once the silo is active (so it is placed here, with this
/// silo's launcher) and keeps it active: Orleans deactivates an activation whose grain-directory entry lived on a silo
/// that leaves, so a scaler that stops a launched silo can lose its own activation, and its poll timer with it (two
/// real runs saw it fall silent after a scale-in). Asking for its status every two polls brings it back, here.
/// </summary>
internal sealed partial class ScalerStartup(IGrainFactory grains, IOptions<ScalingOptions> options, ILogger<ScalerStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ScalerStartup), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _ = Task.Run(KeepActiveAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task KeepActiveAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, 2 * options.Value.PollSeconds)));
        var logged = false;
        try
        {
            do
            {
                try
                {
                    var status = await grains.GetGrain<IScalerGrain>(0).GetStatusAsync();
                    if (!logged)
                    {
                        LogActive(status.Policy, status.Launcher);
                    }

                    logged = true;
                }
                catch (Exception ex) when (!_stopping.IsCancellationRequested)
                {
                    LogRetry(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler active: policy {Policy}, launcher {Launcher}")]
    private partial void LogActive(string policy, string launcher);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asking for the scaler's status failed")]
    private partial void LogRetry(Exception ex);
}
