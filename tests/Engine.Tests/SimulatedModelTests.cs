using System.Diagnostics;

namespace OrleansServe.Engine.Tests;

/// <summary>Simulated token models burn their formula's CPU time and hold their memory, measured on the whole process.</summary>
[Collection(Serial.Name)]
public sealed class SimulatedModelTests
{
    [Fact]
    public async Task FourHundredTokensOfCBurnItsFormulasCpuTime()
    {
        using var host = new EngineHost(RepoPaths.Models, ("Engine:Workers", "1"));
        await host.Engine.LoadAsync("C", "test");
        var manifest = host.Engine.Catalog.Single(m => m.Name == "C");
        var expectedMs = manifest.BaseCpuMs + 400 * manifest.CpuMsPerToken;
        await host.Engine.RunAsync(Requests.Tokens("C", 1)); // warm the path (JIT) outside the measurement

        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = await host.Engine.RunAsync(Requests.Tokens("C", 400));
        process.Refresh();
        var burnedMs = (process.TotalProcessorTime - before).TotalMilliseconds;

        Assert.InRange(burnedMs, expectedMs * 0.85, expectedMs * 1.15);
        Assert.Empty(result.Predictions);
        Assert.Equal(expectedMs, host.Engine.ExpectedServiceMs("C", 400));
    }

    [Fact]
    public async Task LoadingDRaisesTheWorkingSetByItsMemoryAndUnloadingFreesIt()
    {
        using var host = new EngineHost(RepoPaths.Models, ("Engine:Workers", "1"));
        var memoryMb = host.Engine.Catalog.Single(m => m.Name == "D").MemoryMb;

        var before = WorkingSetMb();
        await host.Engine.LoadAsync("D", "first");
        await host.Engine.LoadAsync("D", "second");
        var loaded = WorkingSetMb();
        host.Engine.Unload("D", "first");
        Assert.Contains("D", host.Engine.LoadedModels);
        host.Engine.Unload("D", "second");
        var unloaded = WorkingSetMb();

        Assert.InRange(loaded - before, memoryMb * 0.9, memoryMb * 1.2);
        Assert.InRange(loaded - unloaded, memoryMb * 0.9, memoryMb * 1.2);
        Assert.DoesNotContain("D", host.Engine.LoadedModels);
    }

    private static double WorkingSetMb()
    {
        // Settle the managed heap first: the GC returning memory mid-test would hide the model's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
