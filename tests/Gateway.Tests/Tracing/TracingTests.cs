using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Tracing;

/// <summary>One request's trace through the two-silo cluster: parentage, stage attributes, and the incoming traceparent.</summary>
[Collection(TracedClusterCollection.Name)]
public sealed class TracingTests(TracedClusterFixture cluster)
{
    [Fact]
    public async Task RequestTraceContinuesTheCallersTraceparentAcrossSilosAndAgreesWithItsTimings()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var client = cluster.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/A/infer") { Content = JsonContent.Create(new { tokens = 20 }) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timings = (await response.Content.ReadFromJsonAsync<JsonObject>())!["timings"]!;

        var spans = await SpansOfAsync(traceId, "gateway.infer", "engine.inference", "engine.queue", "Microsoft.AspNetCore.Hosting.HttpRequestIn");
        var http = Single(spans, "Microsoft.AspNetCore.Hosting.HttpRequestIn");
        Assert.Equal(callerSpan, http.ParentSpanId); // the caller's span is the parent: its traceparent was honoured
        var gateway = ChildOf(spans, http, "gateway.infer");
        var batch = ChildOf(spans, gateway, "batcher.batch");
        var route = ChildOf(spans, batch, "router.route");
        var attempt = ChildOf(spans, route, "router.attempt");
        var server = Single(spans, "server.infer");
        var queue = ChildOf(spans, server, "engine.queue");
        var inference = ChildOf(spans, server, "engine.inference");

        // The server span runs on the other silo, under Orleans' grain-call spans that carried the context across.
        Assert.True(IsDescendant(spans, server, attempt), "server.infer descends from the router's attempt");
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal) && s.Kind == ActivityKind.Server);
        Assert.Equal(TracedClusterFixture.ServerSilo, Tag(server, "orleansserve.silo"));
        Assert.Equal(TracedClusterFixture.ServerSilo, Tag(attempt, "orleansserve.silo"));
        Assert.Equal(Tag(server, "orleansserve.server.id"), Tag(attempt, "orleansserve.server.id"));
        Assert.Equal("first", Tag(attempt, "orleansserve.router.choice"));

        // Stage attributes: the batch's size and links, the router's retries, and the response's timings.
        Assert.Equal(1, batch.GetTagItem("orleansserve.batch.size"));
        Assert.Contains(batch.Links, l => l.Context.SpanId == gateway.SpanId);
        Assert.Equal(0, route.GetTagItem("orleansserve.router.retries"));
        Assert.Equal((int)timings["retries"]!, route.GetTagItem("orleansserve.router.retries"));
        Assert.Equal((double)timings["queueMs"]!, (double)queue.GetTagItem("orleansserve.queue_ms")!, 3);
        Assert.Equal((double)timings["inferenceMs"]!, (double)inference.GetTagItem("orleansserve.inference_ms")!, 3);
        Assert.Equal((int)timings["batchSize"]!, inference.GetTagItem("orleansserve.batch.size"));
        Assert.Equal((double)timings["totalMs"]!, (double)gateway.GetTagItem("orleansserve.total_ms")!, 3);
        // ... and the engine spans last exactly those times.
        // (the response rounds to 3 decimals, a span's duration is in 100 ns ticks)
        Assert.Equal((double)timings["queueMs"]!, queue.Duration.TotalMilliseconds, 0.002);
        Assert.Equal((double)timings["inferenceMs"]!, inference.Duration.TotalMilliseconds, 0.002);
        Assert.True(gateway.Duration.TotalMilliseconds >= (double)timings["totalMs"]! - 0.001, "the gateway span covers the total");
    }

    [Fact]
    public async Task ABatchSpanLinksEveryRequestItCarries()
    {
        // Eight items of one request go to the batcher together: they leave in as few batches as the flush makes.
        using var client = cluster.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/A/infer")
        {
            Content = JsonContent.Create(new
            {
                inputs = new[] { new { name = "tokens", shape = new[] { 8 }, datatype = "INT64", data = Enumerable.Repeat(5, 8).ToArray() } },
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await SpansOfAsync(traceId, "gateway.infer", "batcher.batch", "engine.inference");
        var gateway = Single(spans, "gateway.infer");
        Assert.Equal(8, gateway.GetTagItem("orleansserve.items"));
        var batches = spans.Where(s => s.OperationName == "batcher.batch").ToList();
        Assert.Equal(8, batches.Sum(b => (int)b.GetTagItem("orleansserve.batch.size")!));
        foreach (var batch in batches)
        {
            Assert.Equal(batch.GetTagItem("orleansserve.batch.size"), batch.Links.Count());
            Assert.All(batch.Links, l => Assert.Equal(gateway.SpanId, l.Context.SpanId));
        }
    }

    private async Task<IReadOnlyList<Activity>> SpansOfAsync(ActivityTraceId traceId, params string[] names)
    {
        try
        {
            return await Eventually.ValueAsync(() =>
            {
                var spans = cluster.Trace(traceId);
                return Task.FromResult(names.All(n => spans.Any(s => s.OperationName == n)) ? spans : null);
            }, TimeSpan.FromSeconds(20), $"the trace's spans {string.Join(", ", names)}");
        }
        catch (TimeoutException ex)
        {
            var all = cluster.Spans;
            throw new TimeoutException($"{ex.Message} The trace has: {string.Join(", ", cluster.Trace(traceId).Select(s => s.OperationName))}; "
                + $"all {all.Count} spans: {string.Join(", ", all.Select(s => $"{s.OperationName}@{s.TraceId.ToHexString()[..6]}").Take(40))}", ex);
        }
    }

    private static Activity Single(IReadOnlyList<Activity> spans, string name) => Assert.Single(spans, s => s.OperationName == name);

    private static Activity ChildOf(IReadOnlyList<Activity> spans, Activity parent, string name)
    {
        var span = Single(spans, name);
        Assert.True(span.ParentSpanId == parent.SpanId, $"{name}'s parent is {parent.OperationName}");
        return span;
    }

    private static bool IsDescendant(IReadOnlyList<Activity> spans, Activity span, Activity ancestor)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }

    private static string? Tag(Activity span, string key) => Convert.ToString(span.GetTagItem(key), CultureInfo.InvariantCulture);
}
