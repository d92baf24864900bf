using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class HealthTests(GatewayFactory factory)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Health_ReachesOkWithJson(string path)
    {
        var health = await factory.CreateClient().GetFromJsonAsync<JsonObject>(path);
        Assert.Equal("Healthy", health!["status"]!.GetValue<string>());
        Assert.True(health["healthyServers"]!.GetValue<int>() >= 1);
        Assert.Contains("echo", health["models"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenInferenceProbes_AreOk()
    {
        var client = factory.CreateClient();
        Assert.True((await client.GetFromJsonAsync<JsonObject>("/v2/health/live"))!["live"]!.GetValue<bool>());
        Assert.True((await client.GetFromJsonAsync<JsonObject>("/v2/health/ready"))!["ready"]!.GetValue<bool>());
        Assert.True((await client.GetFromJsonAsync<JsonObject>("/v2/models/A/ready"))!["ready"]!.GetValue<bool>());
    }
}
