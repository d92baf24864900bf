using OrleansServe.Scaling.Launchers;

namespace OrleansServe.Hosting.Launchers;

/// <summary>The <c>none</c> launcher: replicas are only added on silos that already run.</summary>
internal sealed class NoSiloLauncher : ISiloLauncher
{
    public string Name => "none";

    public double? MeasuredStartupSeconds => null;

    public IReadOnlyList<ScaledSilo> Silos => [];

    public Task<ScaledSilo> LaunchAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Scaling:Launcher is 'none': no silo can be added.");

    public Task StopAsync(string siloName, CancellationToken cancellationToken) => Task.CompletedTask;
}
