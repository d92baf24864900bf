using System.Net.Http.Headers;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class InferenceTests(GatewayFactory factory)
{
    [Fact]
    public async Task Tokens_ConvenienceForm_ReturnsServerAndTimings()
    {
        var body = await (await factory.CreateClient().PostAsJsonAsync("/v2/models/A/infer", new { tokens = 20 })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("A", body!["model"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["server"]!.GetValue<string>()));
        Assert.True(body["timings"]!["totalMs"]!.GetValue<double>() > 0);
        Assert.True(body["timings"]!["batchSize"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Tokens_AsTextPlainWithoutContentType_AreAccepted()
    {
        var client = factory.CreateClient();
        var plain = new StringContent("{\"tokens\": 3}");
        plain.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/models/echo/infer", plain)).StatusCode);
        var none = new ByteArrayContent("{\"tokens\": 3}"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/models/echo/infer", none)).StatusCode);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("multipart-file")]
    [InlineData("multipart-image")]
    [InlineData("json")]
    [InlineData("json-no-content-type")]
    public async Task Image_EveryConvenienceForm_ReturnsTopK(string form)
    {
        var image = TestImages.Jpeg;
        HttpContent content = form switch
        {
            "raw" => new ByteArrayContent(image) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } },
            "multipart-file" => new MultipartFormDataContent { { new ByteArrayContent(image), "file", "a.jpg" } },
            "multipart-image" => new MultipartFormDataContent { { new ByteArrayContent(image), "image", "a.jpg" } },
            "json" => JsonContent.Create(new { image = Convert.ToBase64String(image) }),
            _ => new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"{{\"image\":\"{Convert.ToBase64String(image)}\"}}")),
        };
        var response = await factory.CreateClient().PostAsync("/v2/models/resnet18/infer?top=3", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var predictions = JsonNode.Parse(body)!["predictions"]!.AsArray();
        Assert.Equal(3, predictions.Count);
        Assert.All(predictions, p => Assert.InRange(p!["confidence"]!.GetValue<double>(), 0, 1));
    }

    [Theory]
    [InlineData("/predict", false)]
    [InlineData("/add_to_queue", true)]
    [InlineData("/enqueue", true)]
    public async Task PredictFamily_AnswersLabelAndPercent(string path, bool queue)
    {
        HttpContent content = path == "/enqueue"
            ? JsonContent.Create(new { image = Convert.ToBase64String(TestImages.Jpeg) })
            : new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg), "file", "a.jpg" } };
        var response = await factory.CreateClient().PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonNode.Parse(body)!;
        Assert.Matches(@"^.+: \d+\.\d%$", json["prediction"]!.GetValue<string>());
        Assert.Equal(queue, json.AsObject().ContainsKey("queue_size"));
    }

    [Fact]
    public async Task OpenInference_ImageBatch_EchoesIdAndShapes()
    {
        var b64 = Convert.ToBase64String(TestImages.Jpeg);
        var request = new
        {
            id = "req-7",
            inputs = new[] { new { name = "image", datatype = "BYTES", shape = new[] { 2 }, data = new[] { b64, b64 } } },
            outputs = new object[] { new { name = "classification", parameters = new { classification = 4 } }, new { name = "probabilities" } },
        };
        var response = await factory.CreateClient().PostAsJsonAsync("/v2/models/resnet18/versions/1/infer", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(("req-7", "resnet18", "1"), (json["id"]!.GetValue<string>(), json["model_name"]!.GetValue<string>(), json["model_version"]!.GetValue<string>()));
        var outputs = json["outputs"]!.AsArray();
        Assert.Equal(["classification", "probabilities"], outputs.Select(o => o!["name"]!.GetValue<string>()));
        foreach (var output in outputs)
        {
            Assert.Equal([2, 4], output!["shape"]!.AsArray().Select(d => d!.GetValue<int>()));
            Assert.Equal(8, output["data"]!.AsArray().Count);
        }
        Assert.Matches(@"^[0-9.]+:\d+:.+$", outputs[0]!["data"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenInference_TokenBatch_IsServed()
    {
        var request = new { inputs = new[] { new { name = "tokens", datatype = "INT64", shape = new[] { 3 }, data = new[] { 5, 6, 7 } } } };
        var json = await (await factory.CreateClient().PostAsJsonAsync("/v2/models/B/infer", request)).Content.ReadFromJsonAsync<JsonObject>();
        var output = json!["outputs"]![0]!;
        Assert.Equal("tokens_served", output["name"]!.GetValue<string>());
        Assert.Equal([5L, 6L, 7L], output["data"]!.AsArray().Select(d => d!.GetValue<long>()));
        Assert.False(string.IsNullOrEmpty(json["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeadlineThatCannotBeMet_Is504()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/D/infer") { Content = JsonContent.Create(new { tokens = 3000 }) };
        request.Headers.Add("X-Timeout-Ms", "20");
        var response = await factory.CreateClient().SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task ClientThatHangsUp_DoesNotBreakTheService()
    {
        var client = factory.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsJsonAsync("/v2/models/D/infer", new { tokens = 5000 }, cts.Token));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v2/models/echo/infer", new { tokens = 1 })).StatusCode);
    }
}
