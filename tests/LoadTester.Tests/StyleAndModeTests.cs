using OrleansServe.LoadTester.Cli;

namespace OrleansServe.LoadTester.Tests;

[Collection(TimingCollection.Name)]
public sealed class StyleAndModeTests
{
    // v2 and tokens meet the real gateway in Gateway.Tests (LoadTesterRunTests); these shapes only the fake checks.
    [Theory]
    [InlineData("predict", "predict")]
    [InlineData("enqueue", "enqueue")]
    public async Task EachImageStyleSendsTheGatewaysShape(string style, string hitKey)
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(5) });
        using var images = new TestImages();
        var outDir = TempDir.New(style);

        var code = await LoadTesterApp.MainAsync(["run", "--url", gateway.Url, "--images", images.Path, "--style", style,
            "--rate", "40", "--duration", "1", "--out", outDir, "--no-progress"]);

        Assert.Equal(0, code);
        Assert.Equal(40 + 1, gateway.Hits[hitKey]); // + the unrecorded primer
        Assert.Empty(gateway.BadRequests);
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public async Task TokensStyleFollowsTheMix()
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(2) });

        var code = await LoadTesterApp.MainAsync(["run", "--url", gateway.Url, "--style", "tokens", "--mix", "A=70,B=10,C=10,D=10",
            "--tokens", "50-400", "--rate", "200", "--duration", "2", "--out", TempDir.New("tokens"), "--no-progress"]);

        Assert.Equal(0, code);
        Assert.Empty(gateway.BadRequests);
        Assert.Equal(400 + 1, gateway.Hits.Values.Sum()); // + the unrecorded primer
        Assert.InRange(gateway.Hits["tokens:A"], 240, 320);
        Assert.All(new[] { "B", "C", "D" }, m => Assert.InRange(gateway.Hits[$"tokens:{m}"], 20, 65));
    }

    [Fact]
    public async Task ClosedLoopKeepsNRequestsInFlight()
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(20) });
        using var images = new TestImages();

        var result = await Runs.ConstantAsync(gateway, images, rate: 0, seconds: 2, concurrency: 4);

        // Exactly 4 in flight: about 4 × 2 s / 21 ms ≈ 380 requests, never more than 4 / 20 ms allows (fewer on a
        // loaded machine, where the first requests wait for JIT: CI counted 216).
        Assert.Equal(4, gateway.MaxInFlight);
        Assert.InRange(result.Summary.Count, 100, 400);
        Assert.Equal("closed", result.Summary.Run.Mode);
        Assert.InRange(result.Summary.P50Ms!.Value, 20, 40);
    }
}
