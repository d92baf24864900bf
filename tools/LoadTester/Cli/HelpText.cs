namespace OrleansServe.LoadTester.Cli;

/// <summary>The text of <c>--help</c>.</summary>
public static class HelpText
{
    /// <summary>Usage of every command and option.</summary>
    public const string Usage = """
        OrleansServe load tester: workload-driven, open-loop HTTP load with a plotted report.

        Usage:
          LoadTester run --url URL (--workload FILE | --preset NAME | --duration S --rate R | --concurrency N --duration S) [options]
          LoadTester compare RUN_DIR... [--out DIR] [--labels A,B,...] [--title TEXT]
          LoadTester simulate --workload FILE --policy hpa70|hpa90|queue|slo|all --out DIR [options]
          LoadTester --help

        run: load sources (one of)
          --workload FILE     requests per second, one number per second, separated by spaces, commas,
                              semicolons or newlines; blank lines skipped, '#' starts a comment
          --preset NAME       ramp | spike | sustained | course-a | course-b (the course presets read
                              workloads/course-x.txt, or --workload FILE when given)
          --duration S --rate R   constant R requests/s for S seconds
          --duration S        with a workload: cut it to S seconds (repeating it when shorter)
          --concurrency N     closed loop instead: N workers send back to back for --duration S (or the
                              workload's length); latency then runs from each actual send

        run: target and requests
          --url URL           gateway base URL (required); only loopback hosts unless --allow-host names them
          --allow-host H[,H]  non-loopback hosts this run may load (repeatable)
          --style STYLE       v2 (default): POST /v2/models/{model}/infer, raw JPEG body
                              predict: POST /predict, multipart field 'file'
                              enqueue: POST /enqueue, JSON {"image": "<base64>"}
                              tokens:  POST /v2/models/{model}/infer, JSON {"tokens": N}
          --model NAME        model for v2 (default resnet18)
          --mix A=70,B=10,... weighted model mix for v2 and tokens (tokens default: A=70,B=10,C=10,D=10)
          --tokens MIN-MAX    token counts for --style tokens, uniform (default 50-400)
          --images DIR        folder of .jpg/.jpeg, loaded once (default ../shared/images/imagenet-samples,
                              else the repository's tests/images)

        run: schedule and measurement
          --scale X           multiply every rate by X (default 1); fractions carry over between seconds
          --arrivals KIND     poisson (default: random times within each second) | uniform (evenly spaced)
          --seed N            seed of arrival times and image/model/token choices (default 1)
          --slo-ms N          add SLO attainment: share of requests answered 2xx within N ms, overall and per second
          --timeout-s S       per-request timeout (default 30); the run ends by itself at most this long after the last send
          --max-connections N connection pool size (default 2048)
          --late-ms N         a send is late when it starts more than N ms after its scheduled time (default 5)
          --no-progress       no live progress line (it is also off when output is redirected)
          --out DIR           output folder (default loadtest-runs/<UTC time>)

        Latency is timed from each request's scheduled send time, so a stalled server cannot hide queued
        requests (no coordinated omission); late sends are counted. Percentiles cover every request sent,
        failed ones included. When responses carry 'timings', the report splits server queue from inference;
        when GET URL/api/cluster/cpu answers {"coreSeconds": x}, it adds the core-seconds used.

        Output (run): requests.csv, summary.json, latency.png, cdf.png, timings.png (when timings), report.html.

        compare: several runs in one plot and one table
          RUN_DIR...          run folders (each with summary.json)
          --out DIR           output folder (default compare): compare-latency.png, compare-cdf.png,
                              compare.md, compare.html
          --labels A,B,...    one label per run (default: folder names)
          --title TEXT        title of plots and report

        simulate: the autoscaling simulator (tools/ScalingSimulator, run from the source tree with dotnet run)
          replays a workload against scaling policies and writes DIR/summary.json (p50Ms, p99Ms, over500ms, withinObjectivePercent,
          coreSeconds, scaleEvents, ...), one PNG per policy and, for several, comparison.md and comparison.png.
          Its options (--seed, --startup-s, --service-mean-ms, --max, ...): docs/autoscaling/README.md.

        Exit codes: 0 done, 1 run failed, 2 bad command line.
        """;
}
