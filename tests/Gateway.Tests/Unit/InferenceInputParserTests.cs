using System.Text;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Unit;

public class InferenceInputParserTests
{
    private static readonly GatewayOptions Options = new();

    private static ValueTask<ParsedInference> Parse(string? contentType, string body, bool image) =>
        InferenceInputParser.ParseAsync(contentType, Encoding.UTF8.GetBytes(body), image, Options);

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/json; charset=utf-8")]
    public async Task ImageJson_AnyJsonishContentType_IsOneImage(string? contentType)
    {
        var parsed = await Parse(contentType, $"{{\"image\":\"{Convert.ToBase64String(TestImages.Png)}\"}}", image: true);
        Assert.Equal(TestImages.Png, Assert.Single(parsed.Items).Image);
        Assert.False(parsed.IsOpenInference);
    }

    [Fact]
    public async Task ImageJson_DataUri_IsDecoded()
    {
        var parsed = await Parse("application/json", $"{{\"image\":\"data:image/png;base64,{Convert.ToBase64String(TestImages.Png)}\"}}", image: true);
        Assert.Equal(TestImages.Png, parsed.Items[0].Image);
    }

    [Fact]
    public async Task Tokens_AreOneItem() => Assert.Equal(42, (await Parse("application/json", "{\"tokens\": 42}", image: false)).Items[0].Tokens);

    [Fact]
    public async Task OpenInference_BatchOfTwoImages_KeepsIdOutputsAndTopK()
    {
        var b64 = Convert.ToBase64String(TestImages.Png);
        var parsed = await Parse("application/json",
            $$$"""{"id":"r1","inputs":[{"name":"image","datatype":"BYTES","shape":[2],"data":["{{{b64}}}","{{{b64}}}"]}],"outputs":[{"name":"probabilities","parameters":{"classification":3}}]}""",
            image: true);
        Assert.Equal(("r1", 2, 3, true), (parsed.Id, parsed.Items.Count, parsed.TopK, parsed.IsOpenInference));
        Assert.Equal(["probabilities"], parsed.Outputs!);
    }

    [Fact]
    public async Task OpenInference_NestedTokenTensor_IsFlattened()
    {
        var parsed = await Parse("application/json", """{"inputs":[{"name":"tokens","datatype":"INT64","shape":[2,2],"data":[[1,2],[3,4]]}]}""", image: false);
        Assert.Equal([1, 2, 3, 4], parsed.Items.Select(i => i.Tokens));
    }

    [Theory]
    [InlineData("{\"tokens\": 1.5}", 400)]
    [InlineData("{\"tokens\": \"3\"}", 400)]
    [InlineData("{\"inputs\":[{\"name\":\"t\",\"datatype\":\"INT64\",\"shape\":[3],\"data\":[1,2]}]}", 400)]
    [InlineData("{\"inputs\":[{\"name\":\"t\",\"datatype\":\"INT64\",\"shape\":[100000],\"data\":[1]}]}", 413)]
    [InlineData("[]", 400)]
    public async Task BadTokenBodies_AreRefusedWithStatus(string body, int status)
    {
        var e = await Assert.ThrowsAsync<HttpProblemException>(async () => await Parse("application/json", body, image: false));
        Assert.Equal(status, e.StatusCode);
    }

    [Fact]
    public async Task TokenModel_WithImageBody_Is415()
    {
        var e = await Assert.ThrowsAsync<HttpProblemException>(async () =>
            await InferenceInputParser.ParseAsync("image/png", TestImages.Png, imageModel: false, Options));
        Assert.Equal(415, e.StatusCode);
    }
}
