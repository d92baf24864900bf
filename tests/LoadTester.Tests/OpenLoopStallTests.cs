namespace OrleansServe.LoadTester.Tests;

[Collection(TimingCollection.Name)]
public sealed class OpenLoopStallTests
{
    [Fact]
    public async Task RequestsScheduledDuringAStallIncludeTheirWait()
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions
        {
            Delay = TimeSpan.FromMilliseconds(10),
            StallAfterFirstRequest = TimeSpan.FromSeconds(1),
            StallLength = TimeSpan.FromSeconds(2),
        });
        using var images = new TestImages();

        var result = await Runs.ConstantAsync(gateway, images, rate: 50, seconds: 4);
        var records = result.Records;
        // Server and client share this process's monotonic clock, so the stall's end maps onto the run's times.
        var stallEndMs = result.Clock.ToMs(gateway.StallEndTimestamp);
        var stallStartMs = stallEndMs - 2000;

        var inStall = records.Where(r => r.ScheduledMs > stallStartMs + 100 && r.ScheduledMs < stallEndMs - 100).ToArray();
        Assert.True(inStall.Length >= 85, $"{inStall.Length} requests scheduled in the stall");

        // Every scheduled request went out on time: the stall did not hold back the sender
        // (a closed loop would have sent nothing for 2 s). The bound leaves room for a busy machine.
        Assert.Equal(200, records.Count);
        Assert.All(inStall, r => Assert.InRange(r.SentMs - r.ScheduledMs, 0, 50));
        Assert.All(inStall, r => Assert.True(r.LatencyMs >= stallEndMs - r.ScheduledMs,
            $"scheduled at {r.ScheduledMs:0} ms, latency {r.LatencyMs:0} ms, stall ends {stallEndMs:0} ms"));

        var s = result.Summary;
        Assert.True(s.MaxMs >= 1900, $"max {s.MaxMs} ms");
        Assert.True(s.PerSecond[1].P50Ms >= 1000, $"second 1 p50 {s.PerSecond[1].P50Ms} ms");
        Assert.True(s.P99Ms >= 1800, $"p99 {s.P99Ms} ms");
        // After the stall the backlog clears and latency falls back well below the stall's.
        Assert.True(s.PerSecond[3].P50Ms < s.PerSecond[1].P50Ms / 2, $"second 3 p50 {s.PerSecond[3].P50Ms} ms");
    }
}
