using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class BadInputTests(GatewayFactory factory)
{
    [Fact]
    public void ThereAreAtLeastThirtyKindsOfBadInput() => Assert.True(BadInputCases.All.Count >= 30, $"{BadInputCases.All.Count} cases");

    [Theory]
    [MemberData(nameof(BadInputCases.Names), MemberType = typeof(BadInputCases))]
    public async Task BadInput_GetsItsStatusAsProblemDetails_AndTheServiceStillAnswers(string name)
    {
        var (request, status) = BadInputCases.All[name];
        var client = factory.CreateClient();
        using (var response = await client.SendAsync(request()))
        {
            await ProblemAssert.IsProblemAsync(response, status);
        }

        using var live = await client.GetAsync("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var served = await client.PostAsJsonAsync("/v2/models/echo/infer", new { tokens = 1 });
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
