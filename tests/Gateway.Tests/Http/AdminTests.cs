using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class AdminTests(GatewayFactory factory)
{
    [Fact]
    public async Task Servers_ListEveryServerWithSiloModelsAndCircuit()
    {
        var servers = await factory.CreateClient().GetFromJsonAsync<JsonArray>("/api/servers");
        var server = Assert.Single(servers!)!;
        Assert.True(server["healthy"]!.GetValue<bool>());
        Assert.Equal("Closed", server["circuit"]!.GetValue<string>());
        Assert.Contains("A", server["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.StartsWith("silo-", server["silo"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessorCount, server["workers"]!.GetValue<int>()); // the one server's lane: Engine:Workers = cores
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key-123", HttpStatusCode.Unauthorized)]
    public async Task AdminWrites_WithoutTheKey_AreRefused(string? key, HttpStatusCode status)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/servers/x/models/A", null), status);
        // DELETE on the real server, in both route forms: were it let through, it would unload C.
        var server = (await client.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["serverId"]!.GetValue<string>();
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/servers/{Uri.EscapeDataString(server)}/models/C"), status);
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/servers/{server}/models/C"), status);
        Assert.Contains("C", (await client.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/test-traffic/equal?requests=1", null), status);
    }

    [Fact]
    public async Task UnloadThenLoad_ChangesTheServersModels()
    {
        var server = (await factory.Admin.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["serverId"]!.GetValue<string>();
        var path = $"/api/servers/{Uri.EscapeDataString(server)}/models/C";
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.PostAsync($"/api/servers/{server}/models/C", null)).StatusCode);
    }

    [Fact]
    public async Task LoadOnUnknownServerOrModel_Is404()
    {
        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsync("/api/servers/nobody%2F0/models/A", null), HttpStatusCode.NotFound);
        var server = (await factory.Admin.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["serverId"]!.GetValue<string>();
        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsync($"/api/servers/{Uri.EscapeDataString(server)}/models/nope", null), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("high-a")]
    [InlineData("equal")]
    [InlineData("burst")]
    public async Task TestTraffic_RunsThePatternAndSummarises(string pattern)
    {
        var summary = await (await factory.Admin.PostAsync($"/api/test-traffic/{pattern}?requests=40&rate=200", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(40, summary!["requests"]!.GetValue<int>());
        Assert.Equal(40, summary["succeeded"]!.GetValue<int>());
        Assert.Equal(40, summary["models"]!.AsObject().Sum(m => m.Value!["requests"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TestTraffic_BadArguments_AreRefused()
    {
        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsync("/api/test-traffic/storm", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsync("/api/test-traffic/equal?requests=0", null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsync("/api/test-traffic/equal?requests=10&rate=0", null), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PredictLoad_ReturnsCpuMemoryLatency()
    {
        var mix = new { modelCounts = new Dictionary<string, int> { ["A"] = 3, ["B"] = 1 }, tokenCounts = new Dictionary<string, int> { ["A"] = 300, ["B"] = 50 } };
        var response = await factory.CreateClient().PostAsJsonAsync("/api/predict-load", mix);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonNode.Parse(body)!;
        foreach (var key in new[] { "cpu", "memory", "latencyMs" })
        {
            Assert.NotNull(json[key]);
        }
    }
}
