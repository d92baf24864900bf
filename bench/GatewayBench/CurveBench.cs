namespace OrleansServe.GatewayBench;

/// <summary>
/// The latency–throughput curve, as Triton's perf_analyzer reports it: open-loop load at fractions of the measured
/// capacity, p50 and p99 of the answered requests per step beside the single-request latency, and at 120 % the
/// requests admission control shed (429/503) with the p99 of those it let in.
/// </summary>
public static class CurveBench
{
    private static readonly double[] Fractions = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2];

    public sealed record Step(double Fraction, double Offered, Latencies Run);

    public static async Task RunAsync(BenchSettings settings, ImageLoad load, double? capacity, List<Goal> goals)
    {
        if (capacity is null)
        {
            await load.ClosedLoopAsync(settings.Connections, TimeSpan.FromSeconds(settings.WarmupSeconds));
            capacity = (await load.ClosedLoopAsync(settings.Connections, TimeSpan.FromSeconds(settings.Seconds))).PerSecond;
        }
        var single = await load.ClosedLoopAsync(1, TimeSpan.FromSeconds(settings.Seconds));
        Console.WriteLine($"capacity (closed loop, {settings.Connections} connections) {capacity:0.0} images/s; single request (1 connection): " +
            $"p50 {single.P50:0.0} ms, p99 {single.P99:0.0} ms");

        Console.WriteLine($"{"load",5} {"offered/s",10} {"answered/s",11} {"p50 ms",8} {"p99 ms",8} {"p99/single",11} {"ok",6} {"shed",6} {"failed",7}");
        var steps = new List<Step>();
        foreach (var fraction in Fractions)
        {
            var rate = fraction * capacity.Value;
            // Beyond capacity the queue grows by the excess until admission starts to shed (at 120 %, after about 10 s
            // with a 2 s limit): three steps long, so that most of the step is the steady state admission keeps.
            var seconds = Math.Max(settings.StepSeconds, 10.0 * settings.StepSeconds / rate) * (fraction > 1 ? 3 : 1);
            load.Engine.Clear();
            var run = await load.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds));
            steps.Add(new Step(fraction, rate, run));
            Console.WriteLine($"{fraction,5:0%} {rate,10:0.0} {run.PerSecond,11:0.0} {run.P50,8:0.0} {run.P99,8:0.0} {run.P99 / single.P50,10:0.00}× " +
                $"{run.Ok,6} {run.Shed,6} {run.Failed,7}");
            if (fraction >= 1.0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // let what queued drain before the next step
            }
        }
        Console.WriteLine($"curve drawn to {CurvePlot.Save(steps, single.P50, settings.Png)}");

        var upTo80 = steps.Where(s => s.Fraction <= 0.8 + 1e-9).ToList();
        var worst = upTo80.MaxBy(s => s.Run.P99 / single.P50)!;
        goals.Add(new Goal("p99 / single-request latency, open loop up to 80 %",
            $"{worst.Run.P99:0} / {single.P50:0} ms = {worst.Run.P99 / single.P50:0.00} × (at {worst.Fraction:0%})", "≤ 3 ×",
            upTo80.All(s => s.Run.P99 <= 3 * single.P50 && s.Run.Failed + s.Run.Shed == 0)));

        // Admission refuses a request when its server already holds more than Engine:MaxQueueWaitMs of expected work
        // per worker: what it bounds is the admitted request's wait in the queue. Its latency adds the compute of the
        // batch it runs in (up to a full batch, measured here from the engine's own timings) and the path around the
        // engine (3 × the single-request latency, as above).
        var over = steps[^1];
        var maxWaitMs = settings.QueueWaitMs > 0 ? settings.QueueWaitMs : 2000;
        var engine = load.Engine.ToList();
        var queueP99 = Percentiles.OrNull([.. engine.Select(e => e.QueueMs).Order()], 0.99) ?? double.NaN;
        var batchP99 = Percentiles.OrNull([.. engine.Select(e => e.InferenceMs).Order()], 0.99) ?? double.NaN;
        goals.Add(new Goal("120 %: queue wait of admitted (p99), rest shed with 429/503",
            $"p99 {queueP99:0} ms, {over.Run.Shed} shed, {over.Run.Failed} failed", $"≤ {maxWaitMs} ms (Engine:MaxQueueWaitMs), 0 failed",
            queueP99 <= maxWaitMs && over.Run.Shed > 0 && over.Run.Failed == 0));
        var boundMs = maxWaitMs + batchP99 + 3 * single.P50;
        goals.Add(new Goal("120 %: latency of admitted (p99)",
            $"p99 {over.Run.P99:0} ms", $"≤ {boundMs:0} ms = wait bound + batch compute p99 {batchP99:0} + 3 × single {single.P50:0}",
            over.Run.P99 <= boundMs));
    }
}
