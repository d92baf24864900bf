using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansServe.Grains;
using OrleansServe.Hosting;

namespace OrleansServe.Scaling.Tests;

/// <summary>A launched silo stops once its launcher's process is gone (one outlived a killed gateway, busy for an hour).</summary>
public sealed class ParentProcessWatchTests
{
    [Fact]
    public async Task TheSiloStopsOnceItsParentProcessHasExited()
    {
        using var parent = Process.Start("sleep", "1");
        using var host = Build(parent.Id);
        var stopping = Stopping(host);

        await host.StartAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(parent.HasExited);
        await host.StopAsync();
    }

    [Fact]
    public async Task WithoutAParentTheSiloRunsOn()
    {
        using var host = Build(0);
        var stopping = Stopping(host);

        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.False(stopping.IsCompleted);
        await host.StopAsync();
    }

    private static IHost Build(int parentId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<SiloSettings>(s => s.ParentProcessId = parentId);
        builder.Services.AddHostedService<ParentProcessWatch>();
        return builder.Build();
    }

    private static Task Stopping(IHost host)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        return stopping.Task;
    }
}
