using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>What a client that does not send <c>Expect: 100-continue</c> (urllib, requests, curl under 1 MB) sees of a 413.</summary>
[Collection(GatewayProcessCollection.Name)]
public class OversizedBodyTests(GatewayProcessFixture gateway)
{
    [Fact]
    public async Task ThirtyMegabytesWithoutExpect_ReadsThe413ProblemDetails_NotAReset()
    {
        var (status, body) = await RawHttp.SendThenReadAsync(gateway.Uri, "/v2/models/resnet18/infer", "image/jpeg", 30 * 1024 * 1024,
            TimeSpan.FromSeconds(60));

        Assert.True(status == 413, $"{status}: {body}");
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Contains("Gateway:MaxBodyBytes", problem["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/v2/health/live")).StatusCode);
    }
}
