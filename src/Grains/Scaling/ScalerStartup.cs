using Orleans.Runtime;

namespace OrleansServe.Grains.Scaling;

/// <summary>On a silo with <c>Scaling:Enabled</c>, activates the scaler once the silo is active (so it is placed here, with this silo's launcher).</summary>
public sealed partial class ScalerStartup(IGrainFactory grains, IOptions<ScalingOptions> options, ILogger<ScalerStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ScalerStartup), ServiceLifecycleStage.Active, OnStart);

    private Task OnStart(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled) _ = Task.Run(ActivateAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ActivateAsync()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                var status = await grains.GetGrain<IScalerGrain>(0).GetStatusAsync();
                LogActive(status.Policy, status.Launcher);
                return;
            }
            catch (Exception ex) when (attempt < 10)
            {
                LogRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler active: policy {Policy}, launcher {Launcher}")]
    private partial void LogActive(string policy, string launcher);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scaler activation attempt {Attempt} failed")]
    private partial void LogRetry(Exception ex, int attempt);
}
