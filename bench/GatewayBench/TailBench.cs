namespace OrleansServe.GatewayBench;

/// <summary>
/// Saturation: raw ONNX Runtime as the ceiling, then the gateway at N connections in a closed loop (each connection
/// sends its next image when its last answered). Goals: images/s ≥ 0.85 × raw, p99 ≤ 1.5 × the mean.
/// </summary>
public static class TailBench
{
    public static async Task<double> RunAsync(BenchSettings settings, GatewayProcess gateway, ImageLoad load, List<Goal> goals)
    {
        var seconds = TimeSpan.FromSeconds(settings.Seconds);
        var modelFile = Path.Combine(gateway.ModelsDirectory, "resnet18.onnx");
        var raw2x1 = RawOrt.ImagesPerSecond(modelFile, workers: 2, intraOpThreads: 1, batch: 8, seconds);
        var raw1x2 = RawOrt.ImagesPerSecond(modelFile, workers: 1, intraOpThreads: 2, batch: 8, seconds);
        var raw = Math.Max(raw2x1, raw1x2);
        Console.WriteLine($"raw ONNX Runtime ResNet18, batch 8: {raw2x1:0.0} images/s (2 workers × 1 thread), {raw1x2:0.0} (1 × 2); best {raw:0.0}");

        await load.ClosedLoopAsync(settings.Connections, TimeSpan.FromSeconds(settings.WarmupSeconds));
        load.Engine.Clear();
        var run = await load.ClosedLoopAsync(settings.Connections, seconds);
        var engine = load.Engine.ToList();
        Console.WriteLine($"closed loop, {settings.Connections} connections, JPEG bodies: {run.PerSecond:0.0} images/s over {run.Ok} requests " +
            $"({run.Shed} shed, {run.Failed} failed)");
        Console.WriteLine($"  latency ms: min {run.Min:0} p10 {run.Percentile(0.1):0} p50 {run.P50:0} mean {run.Mean:0} p90 {run.Percentile(0.9):0} " +
            $"p99 {run.P99:0} max {run.Max:0}");
        if (engine.Count > 0)
        {
            // Where the time went, as the engine saw it: the batch each request ran in, its wait for a worker, its batch's compute.
            var sizes = engine.GroupBy(t => t.BatchSize).OrderBy(g => g.Key).Select(g => $"{g.Key}: {100.0 * g.Count() / engine.Count:0}%");
            var queue = engine.Select(t => t.QueueMs).Order().ToArray();
            var compute = engine.Select(t => t.InferenceMs).Order().ToArray();
            Console.WriteLine($"  requests by engine batch size {string.Join(", ", sizes)}; queue ms p50 {Percentiles.NearestRank(queue, 0.5):0} " +
                $"p99 {Percentiles.NearestRank(queue, 0.99):0}; batch compute ms p50 {Percentiles.NearestRank(compute, 0.5):0} p99 {Percentiles.NearestRank(compute, 0.99):0}");
        }

        goals.Add(new Goal("served / raw ORT (closed loop)", $"{run.PerSecond:0.0} / {raw:0.0} img/s = {run.PerSecond / raw:0.00} ×", "≥ 0.85 ×",
            run.PerSecond / raw >= 0.85));
        goals.Add(new Goal($"p99 / mean, closed loop at {settings.Connections} connections", $"{run.P99:0} / {run.Mean:0} ms = {run.P99 / run.Mean:0.00} ×",
            "≤ 1.5 ×", run.P99 / run.Mean <= 1.5));
        return run.PerSecond;
    }
}
