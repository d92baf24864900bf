using OrleansServe.LoadTester.Analysis;
using OrleansServe.LoadTester.Cli;
using OrleansServe.LoadTester.Reporting;
using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Scheduling;
using OrleansServe.LoadTester.Workloads;

namespace OrleansServe.LoadTester.Running;

/// <summary>One <c>run</c>: check the target, build the schedule, send, summarise, write the report.</summary>
public static class LoadTestRun
{
    /// <summary>Runs the load test described by <paramref name="options"/>; cancelling stops sending and still reports.</summary>
    /// <exception cref="ArgumentException">A setting that cannot be used (host, images, workload).</exception>
    public static async Task<RunResult> ExecuteAsync(RunOptions options, CancellationToken cancellationToken)
    {
        HostGuard.Check(options.Url, options.AllowedHosts);
        var closed = options.Concurrency is not null;
        var workload = WorkloadResolver.Resolve(options.Rate, options.DurationS, options.Preset, options.WorkloadFile, closed);
        var factory = CreateFactory(options);
        var offsets = closed ? [] : ArrivalSchedule.Build(workload, options.Scale, options.Arrivals, options.Seed);

        using var client = LoadClient.Create(options.MaxConnections, options.Timeout);
        await PrimeAsync(client, factory, cancellationToken).ConfigureAwait(false);
        var cpuBefore = await ClusterCpuProbe.TryReadAsync(client, options.Url, cancellationToken).ConfigureAwait(false);
        var counters = new LiveCounters();
        var started = DateTimeOffset.UtcNow;
        var clock = RunClock.StartNew();
        var sender = new RequestSender(client, factory, clock, counters, options.LateThresholdMs);
        var run = closed
            ? new ClosedLoopRunner(sender).RunAsync(options.Concurrency!.Value, workload.DurationSeconds, cancellationToken)
            : new OpenLoopRunner(sender).RunAsync(offsets, cancellationToken);
        var records = await ProgressDisplay.ShowWhileAsync(run, counters, clock, workload.DurationSeconds, options.Progress)
            .ConfigureAwait(false);
        var cpuAfter = await ClusterCpuProbe.TryReadAsync(client, options.Url, CancellationToken.None).ConfigureAwait(false);

        var info = new RunInfo
        {
            Url = options.Url,
            Style = options.Style.ToString().ToLowerInvariant(),
            Mode = closed ? "closed" : "open",
            Arrivals = closed ? $"closed-{options.Concurrency}" : options.Arrivals.ToString().ToLowerInvariant(),
            Workload = workload.Name,
            Scale = options.Scale,
            Seed = options.Seed,
            DurationS = workload.DurationSeconds,
            OfferedPerSecond = closed ? null : ArrivalSchedule.CountsPerSecond(workload.Rates, options.Scale),
            Scheduled = closed ? records.Length : offsets.Length,
            LateThresholdMs = options.LateThresholdMs,
            SloMs = options.SloMs,
            StartedUtc = started,
            Cluster = cpuBefore is { } before && cpuAfter is { } after
                ? new ClusterUsage(after - before, records.Length > 0 ? (after - before) * 1000 / records.Length : null)
                : null,
        };
        var summary = SummaryBuilder.Build(records, info);
        return new RunResult(summary, records, RunReport.Write(options.OutDir, records, summary), clock);
    }

    // One unrecorded request before the clock starts: opens a connection and compiles the send
    // path, which would otherwise show up as a late first send. A target that is down fails later, in the run.
    private static async Task PrimeAsync(HttpClient client, IRequestFactory factory, CancellationToken cancellationToken)
    {
        using var primer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        primer.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var request = factory.Create(0, out _);
            using var response = await client.SendAsync(request, primer.Token).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(primer.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Reported per request by the run itself.
        }
    }

    private static IRequestFactory CreateFactory(RunOptions options)
    {
        if (options.Style == RequestStyle.Tokens)
        {
            return new TokensRequestFactory(options.Url, options.Mix, options.Tokens, options.Seed);
        }

        var images = options.ImagesDir ?? SharedPaths.DefaultImages()
            ?? throw new ArgumentException("--images DIR is required (neither ../shared/images/imagenet-samples nor the repository's tests/images was found)");
        return new ImageRequestFactory(options.Style, options.Url, ImagePool.Load(images), options.Mix, options.Seed);
    }
}
