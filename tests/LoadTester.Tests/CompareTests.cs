using OrleansServe.LoadTester.Cli;
using OrleansServe.LoadTester.Scheduling;

namespace OrleansServe.LoadTester.Tests;

[Collection(TimingCollection.Name)]
public sealed class CompareTests
{
    [Fact]
    public async Task DrawsSeveralRunsInOnePlotAndOneTable()
    {
        await using var fast = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(5) });
        await using var slow = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(40) });
        using var images = new TestImages();
        var a = await Runs.ConstantAsync(fast, images, 30, 2, ArrivalProcess.Poisson);
        var b = await Runs.ConstantAsync(slow, images, 30, 2, ArrivalProcess.Poisson);
        var outDir = TempDir.New("compare");

        var code = await LoadTesterApp.MainAsync(["compare", Path.GetDirectoryName(a.Files[0])!, Path.GetDirectoryName(b.Files[0])!,
            "--labels", "fast,slow", "--out", outDir]);

        Assert.Equal(0, code);
        foreach (var png in new[] { "compare-latency.png", "compare-cdf.png" })
        {
            Assert.Equal(0x89, (await File.ReadAllBytesAsync(Path.Combine(outDir, png)))[0]);
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(outDir, "compare.md"));
        Assert.Contains("| fast |", markdown);
        Assert.Contains("| slow |", markdown);
        Assert.Equal(2, (await File.ReadAllTextAsync(Path.Combine(outDir, "compare.html"))).Split("data:image/png").Length - 1);
        Assert.Equal(1, await LoadTesterApp.MainAsync(["compare", TempDir.New("missing")]));
    }
}
