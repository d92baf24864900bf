using System.Diagnostics;
using System.Globalization;
using OrleansServe.Engine;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Grains.Batching;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// The steps every inference endpoint shares: model known (404), deadline, bounded body read, parse and validate,
/// top-k, then the co-hosted silo's batcher, one request per item, under the deadline and the client's cancellation.
/// Each run is the trace's <c>gateway.infer</c> span (under ASP.NET Core's request span, which honours an incoming
/// <c>traceparent</c>) and, when slow, an entry of <see cref="SlowRequests"/>.
/// </summary>
public sealed class InferencePipeline(ModelCatalog catalog, Batcher batcher, IOptions<GatewayOptions> options, TimeProvider time, SlowRequests slow)
{
    /// <summary>Extra time past the deadline before the gateway stops waiting (the servers answer DeadlineExceeded themselves first).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    /// <summary>Serves an HTTP request: reads, parses and validates its body, then runs it.</summary>
    public Task<InferenceRun> RunAsync(HttpContext context, string? modelName)
    {
        var activity = ServeTracing.Source.StartActivity("gateway.infer");
        return activity is null ? RunCoreAsync(context, modelName, null) : TracedAsync(a => RunCoreAsync(context, modelName, a), activity);
    }

    /// <summary>
    /// Serves a request another transport has already parsed (gRPC <c>ModelInfer</c>): its deadline is the client's
    /// (<see cref="RequestDeadline.ForClient"/>), and <paramref name="aborted"/> is the call's cancellation.
    /// </summary>
    public Task<InferenceRun> RunAsync(ModelManifest model, ParsedInference parsed, DateTime clientDeadlineUtc, CancellationToken aborted)
    {
        var activity = ServeTracing.Source.StartActivity("gateway.infer");
        return activity is null
            ? RunParsedAsync(model, parsed, clientDeadlineUtc, aborted, null)
            : TracedAsync(a => RunParsedAsync(model, parsed, clientDeadlineUtc, aborted, a), activity);
    }

    /// <summary>The run under its span (a separate method, so an untraced request pays no extra state machine).</summary>
    private static async Task<InferenceRun> TracedAsync(Func<Activity, Task<InferenceRun>> runAsync, Activity activity)
    {
        using (activity)
        {
            try
            {
                var run = await runAsync(activity);
                Tag(activity, run);
                return run;
            }
            catch (Exception ex)
            {
                activity.SetStatus(ActivityStatusCode.Error, ex.Message);
                throw;
            }
        }
    }

    /// <summary>The span carries the numbers of the response's <c>timings</c> (total, and the slowest item's stages).</summary>
    private static void Tag(Activity activity, InferenceRun run)
    {
        activity.SetTag(ServeTracing.Model, run.Model.Name);
        activity.SetTag(ServeTracing.Items, run.Outcomes.Count);
        activity.SetTag(ServeTracing.TotalMs, run.TotalMs);
        if (run.Failure is { } failure)
        {
            activity.SetTag(ServeTracing.Outcome, failure.Kind.ToString());
            activity.SetStatus(ActivityStatusCode.Error, failure.Message);
            return;
        }
        var slowest = run.Responses.MaxBy(r => r.Timings.QueueMs + r.Timings.InferenceMs)!;
        activity.SetTag(ServeTracing.Outcome, "Ok");
        activity.SetTag(ServeTracing.QueueMs, slowest.Timings.QueueMs);
        activity.SetTag(ServeTracing.InferenceMs, slowest.Timings.InferenceMs);
        activity.SetTag(ServeTracing.BatchSize, slowest.Timings.BatchSize);
        activity.SetTag(ServeTracing.Retries, slowest.Retries);
        activity.SetTag(ServeTracing.ServerId, slowest.ServerId);
    }

    private async Task<InferenceRun> RunCoreAsync(HttpContext context, string? modelName, Activity? activity)
    {
        var started = Stopwatch.GetTimestamp();
        var gateway = options.Value;
        var model = catalog.Get(modelName);
        var deadline = RequestDeadline.For(context.Request, gateway, time);
        var queryTopK = QueryTopK(context.Request, gateway);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        cts.CancelAfter(deadline.Timeout + Grace);
        byte[] body;
        try
        {
            body = await RequestBodyReader.ReadAsync(context.Request, gateway.MaxBodyBytes, cts.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new HttpProblemException(StatusCodes.Status408RequestTimeout, "Request timeout", "The request body did not arrive before the request's deadline.");
        }
        var parsed = await InferenceInputParser.ParseAsync(context.Request.ContentType, body, model.IsImageModel, gateway);
        return await ServeAsync(model, parsed, parsed.TopK ?? queryTopK ?? gateway.DefaultTopK, deadline, cts.Token, started, activity);
    }

    private async Task<InferenceRun> RunParsedAsync(ModelManifest model, ParsedInference parsed, DateTime clientDeadlineUtc, CancellationToken aborted,
        Activity? activity)
    {
        var started = Stopwatch.GetTimestamp();
        var gateway = options.Value;
        var deadline = RequestDeadline.ForClient(clientDeadlineUtc, gateway, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cts.CancelAfter(deadline.Timeout + Grace);
        return await ServeAsync(model, parsed, parsed.TopK ?? gateway.DefaultTopK, deadline, cts.Token, started, activity);
    }

    private async Task<InferenceRun> ServeAsync(ModelManifest model, ParsedInference parsed, int topK, RequestDeadline deadline,
        CancellationToken cancellationToken, long started, Activity? activity)
    {
        var outcomes = await InferAsync(model.Name, parsed.Items, topK, deadline, cancellationToken);
        var run = new InferenceRun(model, parsed, outcomes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        slow.Observe(run, activity);
        return run;
    }

    /// <summary>
    /// Sends each item as one request to the <see cref="Batcher"/> of the silo the gateway co-hosts (in-process), with
    /// the request's deadline and cancellation. No retry here: the router is the request path's one retry layer.
    /// </summary>
    private Task<InferenceOutcome[]> InferAsync(string model, IReadOnlyList<InferenceItem> items, int topK, RequestDeadline deadline, CancellationToken cancellationToken)
    {
        if (items.Count == 1)
        {
            return One(Request(items[0]));
        }
        return Task.WhenAll(items.Select(item => batcher.InferAsync(model, Request(item), cancellationToken)));

        async Task<InferenceOutcome[]> One(InferenceRequest request) => [await batcher.InferAsync(model, request, cancellationToken)];

        InferenceRequest Request(InferenceItem item) => new(Guid.NewGuid().ToString("N"), model, item.Image, item.Tokens, topK, deadline.Utc);
    }

    private static int? QueryTopK(HttpRequest request, GatewayOptions gateway)
    {
        if (!request.Query.TryGetValue("top", out var top))
        {
            return null;
        }
        return int.TryParse(top.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= gateway.MaxTopK
            ? k
            : throw HttpProblemException.BadRequest($"?top must be a whole number between 1 and {gateway.MaxTopK}.");
    }
}
