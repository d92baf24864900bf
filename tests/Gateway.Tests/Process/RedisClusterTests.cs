using System.Diagnostics;
using System.Net.Http.Headers;
using OrleansServe.Gateway.Tests.Http;
using OrleansServe.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// The end-to-end tests on real processes (issue 3's Redis-mode test and issue 6's e2e test). They run in name order:
/// the last ones kill and stop processes (<c>RedisClusterTests.Stops.cs</c>).
/// </summary>
[Collection(RedisClusterCollection.Name)]
[TestCaseOrderer(ByNameOrderer.TypeName, ByNameOrderer.AssemblyName)]
public partial class RedisClusterTests(RedisClusterFixture cluster, ITestOutputHelper output)
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
}
