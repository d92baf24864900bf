using System.Globalization;
using OrleansServe.GatewayBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var settings = BenchSettings.Parse(args);
var seconds = TimeSpan.FromSeconds(settings.Seconds);
var jpegs = Samples.Jpegs();
Console.WriteLine($"GatewayBench {DateTime.UtcNow:u}: {Environment.ProcessorCount} cores, {jpegs.Count} JPEGs, {settings.Seconds} s per figure " +
    "(load generator, gateway and wrk share the cores)");

using var gateway = await GatewayProcess.StartAsync();
Console.WriteLine($"gateway up at {gateway.Uri} (embedded silo, 1 model server, no dashboard)");

var modelFile = Path.Combine(gateway.ModelsDirectory, "resnet18.onnx");
var raw2x1 = RawOrt.ImagesPerSecond(modelFile, workers: 2, intraOpThreads: 1, batch: 8, seconds);
var raw1x2 = RawOrt.ImagesPerSecond(modelFile, workers: 1, intraOpThreads: 2, batch: 8, seconds);
var raw = Math.Max(raw2x1, raw1x2);
Console.WriteLine($"raw ONNX Runtime ResNet18, batch 8: {raw2x1:0.0} images/s (2 workers × 1 thread), {raw1x2:0.0} (1 × 2); best {raw:0.0}");

var load = ImageLoad.Http(gateway.Uri, jpegs);
await load.ClosedLoopAsync(settings.Connections, TimeSpan.FromSeconds(settings.WarmupSeconds));
var (served, servedErrors) = await load.ClosedLoopAsync(settings.Connections, seconds);
Console.WriteLine($"gateway ResNet18 over HTTP, JPEG bodies, {settings.Connections} connections: {served:0.0} images/s ({servedErrors} errors)");

var (p50, p99, sent, openErrors) = await load.OpenLoopAsync(served / 2, seconds);
Console.WriteLine($"open loop at {served / 2:0.0} req/s (50 %): p50 {p50:0.0} ms, p99 {p99:0.0} ms over {sent} requests ({openErrors} errors)");

// The same ResNet18 load over gRPC (one JPEG a call, BYTES contents), its latency at the REST open loop's rate.
using var grpc = new GrpcInfer(gateway.GrpcUri);
var grpcImages = grpc.Images(jpegs);
await grpcImages.ClosedLoopAsync(settings.Connections, TimeSpan.FromSeconds(settings.WarmupSeconds));
var (grpcServed, grpcErrors) = await grpcImages.ClosedLoopAsync(settings.Connections, seconds);
Console.WriteLine($"gateway ResNet18 over gRPC, JPEG BYTES contents, {settings.Connections} concurrent calls: {grpcServed:0.0} images/s ({grpcErrors} errors)");
var (grpcP50, grpcP99, grpcSent, grpcOpenErrors) = await grpcImages.OpenLoopAsync(served / 2, seconds);
Console.WriteLine($"gRPC open loop at {served / 2:0.0} req/s (REST's rate): p50 {grpcP50:0.0} ms, p99 {grpcP99:0.0} ms over {grpcSent} requests ({grpcOpenErrors} errors)");

// The tiny path over gRPC, beside REST from the same in-process C# generator (wrk speaks no gRPC); rounds alternate.
var grpcTiny = grpc.Tiny();
var restTiny = ImageLoad.HttpEcho(gateway.Uri);
await grpcTiny.ClosedLoopAsync(settings.WrkConnections, TimeSpan.FromSeconds(settings.WarmupSeconds));
await restTiny.ClosedLoopAsync(settings.WrkConnections, TimeSpan.FromSeconds(settings.WarmupSeconds));
var tinyRounds = new List<(double Grpc, double Http)>();
for (var round = 1; round <= settings.TinyRounds; round++)
{
    var (g, gErrors) = await grpcTiny.ClosedLoopAsync(settings.WrkConnections, seconds);
    var (r, rErrors) = await restTiny.ClosedLoopAsync(settings.WrkConnections, seconds);
    tinyRounds.Add((g, r));
    Console.WriteLine($"tiny path round {round}, {settings.WrkConnections} concurrent C# callers: gRPC ModelInfer echo {g:0} req/s ({gErrors} errors), " +
        $"REST POST /v2/models/echo/infer {r:0} req/s ({rErrors} errors): {g / r:0.00} ×");
}
var grpcTinyRatio = Median(tinyRounds.Select(t => t.Grpc / t.Http));
Console.WriteLine($"  medians: gRPC {Median(tinyRounds.Select(t => t.Grpc)):0} req/s, REST {Median(tinyRounds.Select(t => t.Http)):0} req/s");

double echo = double.NaN, constant = double.NaN, tinyRatio = double.NaN;
if (Wrk.Available())
{
    // Rounds alternate the two endpoints (the idle one costs little), so a VM that slows down for a while slows both
    // alike; the figure is the median of each round's ratio.
    var echoUrl = new Uri(gateway.Uri, "/v2/models/echo/infer");
    var (app, constantUrl) = await ConstantEndpoint.StartAsync();
    await Wrk.RunAsync(echoUrl, "{\"tokens\":1}", settings.WrkConnections, settings.WarmupSeconds);
    await Wrk.RunAsync(constantUrl, "{\"tokens\":1}", settings.WrkConnections, settings.WarmupSeconds);
    var rounds = new List<(double Echo, double Constant)>();
    for (var round = 1; round <= settings.TinyRounds; round++)
    {
        var (e, echoNon2xx, _) = await Wrk.RunAsync(echoUrl, "{\"tokens\":1}", settings.WrkConnections, settings.Seconds);
        var (c, _, _) = await Wrk.RunAsync(constantUrl, "{\"tokens\":1}", settings.WrkConnections, settings.Seconds);
        rounds.Add((e, c));
        Console.WriteLine($"tiny path round {round}, wrk -c{settings.WrkConnections}: POST /v2/models/echo/infer (batcher → router → server) " +
            $"{e:0} req/s ({echoNon2xx} non-2xx), constant Kestrel endpoint {c:0} req/s: {e / c:0.00} ×");
    }
    await app.StopAsync();
    echo = Median(rounds.Select(r => r.Echo));
    constant = Median(rounds.Select(r => r.Constant));
    tinyRatio = Median(rounds.Select(r => r.Echo / r.Constant));
    var (live, _, _) = await Wrk.RunAsync(new Uri(gateway.Uri, "/v2/health/live"), null, settings.WrkConnections, settings.Seconds);
    Console.WriteLine($"  medians: echo {echo:0} req/s, constant {constant:0} req/s; for reference, the gateway's HTTP pipeline alone " +
        $"(GET /v2/health/live, no grain call): {live:0} req/s");
}
else
{
    Console.WriteLine("wrk not found (apt-get install -y wrk): tiny-path figures skipped");
}

Console.WriteLine();
Console.WriteLine("summary                          figure        goal");
Console.WriteLine($"served / raw ORT                 {served / raw,6:0.00} ×      ≥ 0.85 ×");
Console.WriteLine($"p99 at half the served rate      {p99,6:0} ms     ≤ 100 ms");
Console.WriteLine($"gRPC / REST ResNet18 images/s    {grpcServed / served,6:0.00} ×      —         ({grpcServed:0.0} vs {served:0.0} images/s)");
Console.WriteLine($"gRPC p99 at half REST's rate     {grpcP99,6:0} ms     ≤ 100 ms  (REST's: {p99:0} ms)");
Console.WriteLine($"tiny path gRPC / REST (C# load)  {grpcTinyRatio,6:0.00} ×      —         (median of {settings.TinyRounds} rounds)");
Console.WriteLine($"echo / constant endpoint         {tinyRatio,6:0.00} ×      ≥ 0.50 ×  (median of {settings.TinyRounds} rounds)");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
