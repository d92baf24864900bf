namespace OrleansServe.GatewayBench;

/// <summary>
/// The gRPC service beside REST in the same run (issue #21): ResNet18 over both in the same closed loop at N
/// connections (images/s, p99 ÷ mean, whose goal is the tail's) and then each in an open loop at half REST's
/// rate (p50/p99); and the tiny path (echo) over gRPC against REST from the same in-process C# generator, as wrk
/// speaks no gRPC, in alternating rounds whose median ratio is the figure.
/// </summary>
public static class GrpcBench
{
    public static async Task RunAsync(BenchSettings settings, GatewayProcess gateway, ImageLoad rest, IReadOnlyList<byte[]> jpegs, List<Goal> goals)
    {
        var seconds = TimeSpan.FromSeconds(settings.Seconds);
        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        using var grpc = new GrpcInfer(gateway.GrpcUri);
        var images = grpc.Images(jpegs);
        var connections = settings.Connections;

        await rest.ClosedLoopAsync(connections, warmup);
        var restRun = await rest.ClosedLoopAsync(connections, seconds);
        await ClosedLoop.RunAsync(images, connections, warmup);
        var grpcRun = await ClosedLoop.RunAsync(images, connections, seconds);
        Console.WriteLine($"ResNet18, closed loop at {connections} connections: REST (JPEG bodies) {Describe(restRun)}");
        Console.WriteLine($"  gRPC ModelInfer (JPEG BYTES contents) {Describe(grpcRun)}");

        var rate = restRun.PerSecond / 2;
        var restOpen = await rest.OpenLoopAsync(rate, seconds);
        var grpcOpen = await OpenLoop.RunAsync(images, rate, seconds);
        Console.WriteLine($"ResNet18, open loop at {rate:0.0} req/s (half REST's closed loop): REST p50 {restOpen.P50:0} p99 {restOpen.P99:0} ms " +
            $"({restOpen.Shed} shed, {restOpen.Failed} failed), gRPC p50 {grpcOpen.P50:0} p99 {grpcOpen.P99:0} ms ({grpcOpen.Shed} shed, {grpcOpen.Failed} failed)");

        var tiny = await TinyAsync(settings, gateway, grpc);

        goals.Add(new Goal($"ResNet18 gRPC / REST img/s, closed loop {connections} conn.",
            $"{grpcRun.PerSecond:0.0} / {restRun.PerSecond:0.0} = {grpcRun.PerSecond / restRun.PerSecond:0.00} ×", "reported (#21)", null));
        goals.Add(new Goal($"p99 / mean over gRPC, closed loop at {connections} connections",
            $"{grpcRun.P99:0} / {grpcRun.Mean:0} ms = {grpcRun.P99 / grpcRun.Mean:0.00} ×", $"≤ 1.5 × (REST {restRun.P99 / restRun.Mean:0.00})",
            grpcRun.P99 / grpcRun.Mean <= 1.5));
        goals.Add(new Goal($"ResNet18 p99 gRPC vs REST, open loop {rate:0.0}/s (50 %)", $"{grpcOpen.P99:0} vs {restOpen.P99:0} ms", "reported (#21)", null));
        goals.Add(new Goal($"tiny path gRPC / REST (C#, median of {settings.TinyRounds})", tiny, "reported (#21)", null));
    }

    private static string Describe(Latencies run) =>
        $"{run.PerSecond:0.0} images/s, p50 {run.P50:0} mean {run.Mean:0} p99 {run.P99:0} ms ({run.Shed} shed, {run.Failed} failed)";

    private static async Task<string> TinyAsync(BenchSettings settings, GatewayProcess gateway, GrpcInfer grpc)
    {
        var seconds = TimeSpan.FromSeconds(settings.Seconds);
        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        var callers = settings.WrkConnections;
        var echoUrl = new Uri(gateway.Uri, "/v2/models/echo/infer");
        using var post = new EchoPost();
        Task<int> Rest() => post.SendAsync(echoUrl);
        var tiny = grpc.Tiny();

        await ClosedLoop.RunAsync(tiny, callers, warmup);
        await ClosedLoop.RunAsync(Rest, callers, warmup);
        var rounds = new List<(double Grpc, double Http)>();
        for (var round = 1; round <= settings.TinyRounds; round++)
        {
            var g = await ClosedLoop.RunAsync(tiny, callers, seconds);
            var r = await ClosedLoop.RunAsync(Rest, callers, seconds);
            rounds.Add((g.PerSecond, r.PerSecond));
            Console.WriteLine($"tiny path round {round}, {callers} concurrent C# callers: gRPC ModelInfer echo {g.PerSecond:0} req/s " +
                $"({g.Shed + g.Failed} failed), REST POST /v2/models/echo/infer {r.PerSecond:0} req/s ({r.Shed + r.Failed} failed): {g.PerSecond / r.PerSecond:0.00} ×");
        }
        var (grpcRate, restRate) = (TinyBench.Median(rounds.Select(t => t.Grpc)), TinyBench.Median(rounds.Select(t => t.Http)));
        var ratio = TinyBench.Median(rounds.Select(t => t.Grpc / t.Http));
        Console.WriteLine($"  medians: gRPC {grpcRate:0} req/s, REST {restRate:0} req/s");
        return $"{grpcRate:0} / {restRate:0} req/s = {ratio:0.00} ×";
    }
}
