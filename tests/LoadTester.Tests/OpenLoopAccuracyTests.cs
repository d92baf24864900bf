using System.Text.Json;
using OrleansServe.LoadTester.Analysis;
using OrleansServe.LoadTester.Reporting;

namespace OrleansServe.LoadTester.Tests;

[Collection(TimingCollection.Name)]
public sealed class OpenLoopAccuracyTests
{
    private const double DelayMs = 100;
    private const double TimerTickMs = 4;

    // The machine is shared (2 cores, other builds running): under that load the server's own 100 ms
    // sleep can take 130 ms or more. So the known latency is what the server measured for each request
    // (its p50/p99), and the nominal delay is a floor. A run can still catch a client-side hiccup that
    // is real latency but not the tool's error: up to three attempts, any one within bounds passes.
    // A tool that measured wrongly (from the actual send, dropping slow requests, a wrong percentile)
    // fails all three.
    private const int Attempts = 3;

    [Fact]
    public async Task MeasuresTheServersKnownLatencyAndOfferedRate()
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(DelayMs) });
        using var images = new TestImages();
        await Runs.ConstantAsync(gateway, images, rate: 50, seconds: 1); // warm-up: JIT both ends

        var attempts = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            gateway.ServerMs.Clear();
            var result = await Runs.ConstantAsync(gateway, images, rate: 50, seconds: 4);
            var s = result.Summary;
            Assert.Equal(200, s.Count);
            Assert.Equal(1.0, s.SuccessRate);
            Assert.Empty(gateway.BadRequests);
            // .NET timers run on TickCount64, which Linux reads from CLOCK_MONOTONIC_COARSE: one tick of the kernel
            // (4 ms at HZ=250, `clock_getres`). So the server's 100 ms Task.Delay can end early by the Stopwatch:
            // CI runs measured p50s of 99.45 and 98.28 ms. The floor allows that tick; the server's own measure
            // of each request (below) is the tight bound.
            Assert.True(s.P50Ms >= DelayMs - TimerTickMs, $"p50 {s.P50Ms} ms is below the server's {DelayMs} ms delay");

            var server = gateway.ServerMs.Order().ToArray();
            var serverP50 = Percentiles.NearestRank(server, 0.5);
            var serverP99 = Percentiles.NearestRank(server, 0.99);
            var within = s.P50Ms >= serverP50 && s.P50Ms <= serverP50 * 1.1
                && s.P99Ms >= serverP99 && s.P99Ms <= serverP99 * 1.1
                && s.Throughput >= s.OfferedRate * 0.95 && s.Throughput <= s.OfferedRate * 1.05;
            if (within)
            {
                return;
            }

            var slowest = string.Join("; ", result.Records.OrderByDescending(r => r.LatencyMs).Take(4)
                .Select(r => $"at {r.ScheduledMs:0} ms sent +{r.SentMs - r.ScheduledMs:0.0} took {r.LatencyMs:0.0}"));
            attempts.Add($"attempt {attempt}: p50 {s.P50Ms:0.0} p99 {s.P99Ms:0.0} ms (server {serverP50:0.0} / {serverP99:0.0}), " +
                         $"throughput {s.Throughput:0.0} of {s.OfferedRate:0.0}/s, late {s.LateSends}; slowest: {slowest}");
        }

        Assert.Fail($"not within 10 % of the server's latency / 5 % of the offered rate in {Attempts} attempts:\n{string.Join("\n", attempts)}");
    }

    [Fact]
    public async Task WritesEveryReportFileValid()
    {
        await using var gateway = await FakeGateway.StartAsync(new FakeGatewayOptions { Delay = TimeSpan.FromMilliseconds(10), FailEvery = 10 });
        using var images = new TestImages();

        var result = await Runs.ConstantAsync(gateway, images, rate: 60, seconds: 2, sloMs: 100);
        var dir = Path.GetDirectoryName(result.Files[0])!;

        foreach (var png in new[] { RunPlots.LatencyFile, RunPlots.CdfFile, RunPlots.TimingsFile })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(dir, png));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, SummaryJson.FileName)));
        var root = json.RootElement;
        foreach (var number in new[] { "count", "throughput", "offeredRate", "successRate", "p50Ms", "p90Ms", "p95Ms", "p99Ms", "maxMs", "lateSends", "sloMs", "sloAttainment" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(number).ValueKind);
        }

        Assert.Equal(120, root.GetProperty("count").GetInt32());
        Assert.Equal(12, root.GetProperty("errorsByStatus").GetProperty("503").GetInt32());
        Assert.Equal(0.9, root.GetProperty("successRate").GetDouble(), 6);
        Assert.True(root.GetProperty("perSecond").GetArrayLength() >= 2);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("perSecond")[0].GetProperty("p99Ms").ValueKind);
        Assert.True(root.GetProperty("timings").GetProperty("meanInferenceMs").GetDouble() > 0);

        var csv = await File.ReadAllLinesAsync(Path.Combine(dir, RequestsCsv.FileName));
        Assert.Equal(RequestsCsv.Header, csv[0]);
        Assert.Equal(121, csv.Length);
        Assert.Equal(10, csv[1].Split(',').Length);
        Assert.Contains(csv, line => line.EndsWith(",overloaded", StringComparison.Ordinal));

        var html = await File.ReadAllTextAsync(Path.Combine(dir, HtmlReport.FileName));
        Assert.Equal(3, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("503", html);
    }
}
