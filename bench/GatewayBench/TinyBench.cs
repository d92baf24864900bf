namespace OrleansServe.GatewayBench;

/// <summary>
/// The tiny path (<c>POST /v2/models/echo/infer</c>: batcher, router, server, a zero-cost model) against a constant
/// Kestrel endpoint: throughput with wrk, and the latency the gateway adds at a moderate open-loop rate. Rounds
/// alternate the two endpoints (the idle one costs little), so a VM that slows down for a while slows both alike;
/// each figure is the median of the rounds.
/// </summary>
public static class TinyBench
{
    private const string Body = EchoPost.Body;

    public static async Task RunAsync(BenchSettings settings, GatewayProcess gateway, List<Goal> goals)
    {
        var echoUrl = new Uri(gateway.Uri, "/v2/models/echo/infer");
        var (app, constantUrl) = await ConstantEndpoint.StartAsync();
        try
        {
            if (Wrk.Available())
            {
                await ThroughputAsync(settings, echoUrl, constantUrl, gateway, goals);
            }
            else
            {
                Console.WriteLine("wrk not found (apt-get install -y wrk): the tiny path's throughput is skipped");
            }
            await AddedLatencyAsync(settings, echoUrl, constantUrl, goals);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task ThroughputAsync(BenchSettings settings, Uri echoUrl, Uri constantUrl, GatewayProcess gateway, List<Goal> goals)
    {
        await Wrk.RunAsync(echoUrl, Body, settings.WrkConnections, settings.WarmupSeconds);
        await Wrk.RunAsync(constantUrl, Body, settings.WrkConnections, settings.WarmupSeconds);
        var rounds = new List<(double Echo, double Constant)>();
        for (var round = 1; round <= settings.TinyRounds; round++)
        {
            var (e, echoNon2xx, _) = await Wrk.RunAsync(echoUrl, Body, settings.WrkConnections, settings.Seconds);
            var (c, _, _) = await Wrk.RunAsync(constantUrl, Body, settings.WrkConnections, settings.Seconds);
            rounds.Add((e, c));
            Console.WriteLine($"tiny path round {round}, wrk -c{settings.WrkConnections}: POST /v2/models/echo/infer (batcher → router → server) " +
                $"{e:0} req/s ({echoNon2xx} non-2xx), constant Kestrel endpoint {c:0} req/s: {e / c:0.00} ×");
        }
        var (live, _, _) = await Wrk.RunAsync(new Uri(gateway.Uri, "/v2/health/live"), null, settings.WrkConnections, settings.Seconds);
        var (echo, constant, ratio) = (Median(rounds.Select(r => r.Echo)), Median(rounds.Select(r => r.Constant)), Median(rounds.Select(r => r.Echo / r.Constant)));
        Console.WriteLine($"  medians: echo {echo:0} req/s, constant {constant:0} req/s; for reference, the gateway's HTTP pipeline alone " +
            $"(GET /v2/health/live, no grain call): {live:0} req/s");
        goals.Add(new Goal($"echo / constant endpoint (wrk, median of {rounds.Count})", $"{echo:0} / {constant:0} req/s = {ratio:0.00} ×", "≥ 0.50 ×", ratio >= 0.5));
    }

    private static async Task AddedLatencyAsync(BenchSettings settings, Uri echoUrl, Uri constantUrl, List<Goal> goals)
    {
        using var post = new EchoPost();
        Task<int> Send(Uri url) => post.SendAsync(url);

        var seconds = TimeSpan.FromSeconds(settings.Seconds);
        await OpenLoop.RunAsync(() => Send(echoUrl), settings.TinyRate, TimeSpan.FromSeconds(Math.Min(5, settings.WarmupSeconds)));
        await OpenLoop.RunAsync(() => Send(constantUrl), settings.TinyRate, TimeSpan.FromSeconds(Math.Min(5, settings.WarmupSeconds)));
        var rounds = new List<(double P50, double P99)>();
        for (var round = 1; round <= settings.TinyRounds; round++)
        {
            var echo = await OpenLoop.RunAsync(() => Send(echoUrl), settings.TinyRate, seconds);
            var constant = await OpenLoop.RunAsync(() => Send(constantUrl), settings.TinyRate, seconds);
            rounds.Add((echo.P50 - constant.P50, echo.P99 - constant.P99));
            Console.WriteLine($"tiny path round {round}, open loop at {settings.TinyRate:0} req/s: echo p50 {echo.P50:0.00} p99 {echo.P99:0.00} ms " +
                $"({echo.Failed + echo.Shed} failed), constant p50 {constant.P50:0.00} p99 {constant.P99:0.00} ms: added {rounds[^1].P50:0.00} / {rounds[^1].P99:0.00} ms");
        }
        var (p50, p99) = (Median(rounds.Select(r => r.P50)), Median(rounds.Select(r => r.P99)));
        goals.Add(new Goal($"added p50 over constant, open loop {settings.TinyRate:0}/s", $"{p50:0.00} ms (median of {rounds.Count})", "≤ 1 ms", p50 <= 1));
        goals.Add(new Goal($"added p99 over constant, open loop {settings.TinyRate:0}/s", $"{p99:0.00} ms (median of {rounds.Count})", "≤ 3 ms", p99 <= 3));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
