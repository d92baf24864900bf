using System.Diagnostics;
using Xunit.Abstractions;
using OrleansServe.Engine;
using OrleansServe.Engine.Simulated;

namespace OrleansServe.Engine.Tests;

/// <summary>Simulated token models burn their formula's CPU time and hold their memory, measured on the whole process.</summary>
[Collection(Serial.Name)]
public sealed class SimulatedModelTests(ITestOutputHelper output)
{
    [Fact]
    public void BurnsAreTimedByTheThreadsCpuClockOnLinux() =>
        Assert.Equal(OperatingSystem.IsLinux(), ThreadCpuClock.MeasuresThreadCpuTime);

    [Fact]
    public async Task FourHundredTokensOfCBurnItsFormulasCpuTime()
    {
        using var host = new EngineHost(RepoPaths.Models, ("Engine:Workers", "1"));
        await host.Engine.LoadAsync("C", "test");
        var manifest = host.Engine.Catalog.Single(m => m.Name == "C");
        var expectedMs = manifest.BaseCpuMs + 400 * manifest.CpuMsPerToken;
        await host.Engine.RunAsync(Requests.Tokens("C", 1)); // warm the path (JIT) outside the measurement

        // Other threads of this process (GC, JIT, the test runner) add to its CPU time: settle, and take the median of three.
        var burnedMs = new List<double>();
        InferenceResult? result = null;
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < 3; run++)
        {
            Settle();
            process.Refresh();
            var before = process.TotalProcessorTime;
            result = await host.Engine.RunAsync(Requests.Tokens("C", 400));
            process.Refresh();
            burnedMs.Add((process.TotalProcessorTime - before).TotalMilliseconds);
        }

        output.WriteLine($"expected {expectedMs} ms; process CPU {string.Join(", ", burnedMs.Select(ms => ms.ToString("F1")))} ms");
        Assert.InRange(burnedMs.Order().ElementAt(1), expectedMs * 0.85, expectedMs * 1.15);
        Assert.Empty(result!.Predictions);
        Assert.Equal(expectedMs, host.Engine.ExpectedServiceMs("C", 400));
    }

    [Fact]
    public async Task LoadingDRaisesTheWorkingSetByItsMemoryAndUnloadingFreesIt()
    {
        using var host = new EngineHost(RepoPaths.Models, ("Engine:Workers", "1"));
        var memoryMb = host.Engine.Catalog.Single(m => m.Name == "D").MemoryMb;

        // Memory freed by earlier tests can still be leaving the process: start once the working set holds still.
        await SteadyWorkingSetAsync();
        var before = WorkingSetMb();
        await host.Engine.LoadAsync("D", "first");
        await host.Engine.LoadAsync("D", "second");
        var loaded = WorkingSetMb();
        host.Engine.Unload("D", "first");
        Assert.Contains("D", host.Engine.LoadedModels);
        host.Engine.Unload("D", "second");
        var unloaded = WorkingSetMb();

        output.WriteLine($"working set {before:F0} MB, loaded {loaded:F0} MB, unloaded {unloaded:F0} MB (memoryMb {memoryMb})");
        Assert.InRange(loaded - before, memoryMb * 0.9, memoryMb * 1.2);
        Assert.InRange(loaded - unloaded, memoryMb * 0.9, memoryMb * 1.2);
        Assert.DoesNotContain("D", host.Engine.LoadedModels);
    }

    /// <summary>Collects, then waits until two readings 100 ms apart differ by under 4 MB (the GC and native heaps give memory back lazily).</summary>
    private static async Task SteadyWorkingSetAsync()
    {
        Settle();
        var previous = WorkingSetMb();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(100);
            var current = WorkingSetMb();
            if (Math.Abs(current - previous) < 4)
            {
                return;
            }
            previous = current;
        }
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static double WorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
