using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class ScalerApiTests(GatewayFactory factory)
{
    [Fact]
    public async Task Get_ShowsStatusAndHistory()
    {
        var body = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/scaler");

        Assert.NotNull(body!["status"]);
        Assert.NotNull(body["history"]!.AsArray());
    }

    [Fact]
    public async Task Post_SwitchesPolicy_AndRefusesAnUnknownOne()
    {
        var switched = await factory.Admin.PostAsJsonAsync("/api/scaler", new { policy = "queue" });
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("queue", (await switched.Content.ReadFromJsonAsync<JsonObject>())!["policy"]!.GetValue<string>());

        await ProblemAssert.IsProblemAsync(await factory.Admin.PostAsJsonAsync("/api/scaler", new { policy = "no-such-policy" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.PostAsJsonAsync("/api/scaler", new { policy = "slo" })).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutTheKey_IsRefused() =>
        await ProblemAssert.IsProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/scaler", new { policy = "slo" }), HttpStatusCode.Unauthorized);
}
