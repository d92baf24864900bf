using System.Diagnostics;
using System.Net.Http.Headers;
using OrleansServe.Gateway.Tests.Http;
using OrleansServe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// The end-to-end tests on real processes (issue 3's Redis-mode test and issue 6's e2e test). They run in name order:
/// the last one kills a silo.
/// </summary>
[Collection(RedisClusterCollection.Name)]
[TestCaseOrderer(ByNameOrderer.TypeName, ByNameOrderer.AssemblyName)]
public class RedisClusterTests(RedisClusterFixture cluster, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task T1_Health_IsOk_AndBothSilosAreActiveMembers()
    {
        cluster.Require();
        var health = await cluster.Client.GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("Redis", health!["mode"]!.GetValue<string>());
        var members = await Eventually.ValueAsync(async () =>
        {
            var list = await cluster.Client.GetFromJsonAsync<JsonArray>("/api/cluster");
            var active = list!.Where(m => m!["status"]!.GetValue<string>() == "Active").Select(m => m!["name"]!.GetValue<string>()).ToList();
            return cluster.Silos.All(s => active.Contains(s.Name)) ? active : null;
        }, TimeSpan.FromSeconds(30), "both silos Active in the membership");
        Assert.Equal(3, members.Count); // two silos and the gateway's own
        var servers = await Eventually.ValueAsync(async () =>
        {
            var list = await cluster.Client.GetFromJsonAsync<JsonArray>("/api/servers");
            return list!.Count(s => s!["healthy"]!.GetValue<bool>()) == 2 ? list : null;
        }, TimeSpan.FromSeconds(60), "a healthy model server on each silo");
        Assert.Equal(cluster.Silos.Select(s => s.Name).Order(), servers.Select(s => s!["silo"]!.GetValue<string>()).Order());
        // Both silo processes' start-up CPU, and not the gateway's (it serves no model here).
        var cpu = await Eventually.ValueAsync(async () =>
        {
            var answer = await cluster.Client.GetFromJsonAsync<JsonObject>("/api/cluster/cpu");
            return answer!["silos"]!.GetValue<int>() == 2 ? answer : null;
        }, TimeSpan.FromSeconds(10), "CPU reported by both silos");
        Assert.True(cpu["coreSeconds"]!.GetValue<double>() > 1, cpu.ToJsonString());
    }

    [SkippableFact]
    public async Task T2_PredictAndOpenInference_Answer()
    {
        cluster.Require();
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg), "file", "image.jpg" } };
        var predict = await cluster.Client.PostAsync("/predict", form);
        var text = await predict.Content.ReadAsStringAsync();
        Assert.True(predict.IsSuccessStatusCode, text);
        output.WriteLine($"/predict: {text}");

        var b64 = Convert.ToBase64String(TestImages.All[^1]);
        var request = new { id = "e2e", inputs = new[] { new { name = "image", datatype = "BYTES", shape = new[] { 1 }, data = new[] { b64 } } } };
        var infer = await cluster.Client.PostAsJsonAsync("/v2/models/resnet18/infer", request);
        text = await infer.Content.ReadAsStringAsync();
        Assert.True(infer.IsSuccessStatusCode, text);
        Assert.Equal("e2e", JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task T3_KestrelLimits_BigBodyIs413_AndSlowLorisIs408()
    {
        cluster.Require();
        // Expect: 100-continue lets the server refuse before the client uploads (otherwise the client sees a reset mid-upload).
        using var big = new HttpRequestMessage(HttpMethod.Post, "/v2/models/resnet18/infer")
        {
            Content = new ByteArrayContent(new byte[12 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } },
        };
        big.Headers.ExpectContinue = true;
        await ProblemAssert.IsProblemAsync(await cluster.Client.SendAsync(big), HttpStatusCode.RequestEntityTooLarge);
        var started = Stopwatch.StartNew();
        var (status, body) = await RawHttp.SlowLorisAsync(cluster.GatewayUri, "/v2/models/resnet18/infer", "image/jpeg",
            new Dictionary<string, string> { ["X-Timeout-Ms"] = "300" }, TimeSpan.FromSeconds(20));
        Assert.True(status == 408, $"{status}: {body}");
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"slow-loris took {started.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/v2/health/live")).StatusCode);
    }

    [SkippableFact]
    public async Task T4_Metrics_AreExportedAsPrometheusText()
    {
        cluster.Require();
        await cluster.Client.PostAsJsonAsync("/v2/models/echo/infer", new { tokens = 1 });
        var text = await Eventually.ValueAsync(async () =>
        {
            var metrics = await cluster.Client.GetStringAsync("/metrics");
            return metrics.Contains("orleansserve_gateway_requests") ? metrics : null;
        }, TimeSpan.FromSeconds(20), "orleansserve_gateway_requests at /metrics");
        Assert.Contains("orleansserve_gateway_request_duration_bucket{model=\"echo\"", text);
    }

    [SkippableFact]
    public async Task T5_KillingASiloUnderSteadyLoad_LosesNoRequest()
    {
        cluster.Require();
        const double rate = 40; // requests per second, open loop
        var duration = TimeSpan.FromSeconds(10);
        var killAt = TimeSpan.FromSeconds(3);
        var victim = cluster.Silos[1];
        var results = new List<Task<(TimeSpan SentAt, HttpStatusCode Status, double Ms, int Retries, string Body)>>();
        var clock = Stopwatch.StartNew();
        var killed = TimeSpan.Zero;
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            if (killed == TimeSpan.Zero && clock.Elapsed >= killAt)
            {
                victim.Process.Kill(); // SIGKILL: no drain, no goodbye to the cluster
                killed = clock.Elapsed;
                output.WriteLine($"kill -9 {victim.Name} at {killed.TotalSeconds:0.00} s");
            }
            results.Add(SendAsync(i % 4 == 0 ? "echo" : "A", clock));
        }
        var done = await Task.WhenAll(results);

        var failures = done.Where(r => r.Status != HttpStatusCode.OK).ToList();
        var episode = done.Where(r => r.SentAt >= killed - TimeSpan.FromSeconds(1) && r.SentAt <= killed + TimeSpan.FromSeconds(4)).Select(r => r.Ms).Order().ToArray();
        var p99 = episode.Length == 0 ? 0 : episode[Math.Min(episode.Length - 1, (int)Math.Ceiling(0.99 * episode.Length) - 1)];
        var retried = done.Count(r => r.Retries > 0);
        output.WriteLine($"{done.Length} requests at {rate}/s: {done.Length - failures.Count} × 200, {failures.Count} failed; " +
            $"p99 during the episode {p99:0} ms (max {episode.LastOrDefault():0} ms over {episode.Length}); {retried} retried");
        Console.WriteLine($"[e2e kill -9] {done.Length} requests, {failures.Count} failed, episode p99 {p99:0} ms, {retried} retried");
        var summary = string.Join("\n", failures
            .GroupBy(f => $"{(int)f.Status} {Detail(f.Body)}")
            .Select(g => $"{g.Count()} × {g.Key} (sent {g.Min(f => f.SentAt.TotalSeconds):0.00}–{g.Max(f => f.SentAt.TotalSeconds):0.00} s)"));
        Assert.True(failures.Count == 0, $"killed {victim.Name} at {killed.TotalSeconds:0.00} s\n{summary}\n{cluster.Diagnostics()}");
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    private async Task<(TimeSpan, HttpStatusCode, double, int, string)> SendAsync(string model, Stopwatch clock)
    {
        var sentAt = clock.Elapsed;
        try
        {
            using var response = await cluster.Client.PostAsJsonAsync($"/v2/models/{model}/infer", new { tokens = 10 });
            var body = await response.Content.ReadAsStringAsync();
            var ms = (clock.Elapsed - sentAt).TotalMilliseconds;
            var retries = response.IsSuccessStatusCode ? JsonNode.Parse(body)!["timings"]!["retries"]!.GetValue<int>() : 0;
            return (sentAt, response.StatusCode, ms, retries, body);
        }
        catch (Exception e)
        {
            return (sentAt, 0, (clock.Elapsed - sentAt).TotalMilliseconds, 0, e.Message);
        }
    }
}
