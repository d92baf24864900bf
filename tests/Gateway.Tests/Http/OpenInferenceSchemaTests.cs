using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

/// <summary>The /v2 responses, errors included, checked against the Open Inference Protocol's own schemas (Spec/open_inference_rest.yaml).</summary>
[Collection(GatewayCollection.Name)]
public class OpenInferenceSchemaTests(GatewayFactory factory)
{
    private static readonly OpenApiSchema Spec = OpenApiSchema.Load(Path.Combine(AppContext.BaseDirectory, "Spec", "open_inference_rest.yaml"));

    public static TheoryData<string, string, string?, int, string> Cases() => new()
    {
        { "GET", "/v2", null, 200, "metadata_server_response" },
        { "GET", "/v2/", null, 200, "metadata_server_response" },
        { "GET", "/v2/models/resnet18", null, 200, "metadata_model_response" },
        { "GET", "/v2/models/A/versions/1", null, 200, "metadata_model_response" },
        { "GET", "/v2/models/nope", null, 404, "metadata_model_error_response" },
        { "GET", "/v2/models/A/versions/9", null, 404, "metadata_model_error_response" },
        { "POST", "/v2/models/A/infer", """{"id":"x1","inputs":[{"name":"tokens","datatype":"INT64","shape":[2],"data":[3,4]}]}""", 200, "inference_response" },
        {
            "POST", "/v2/models/resnet18/infer",
            $$"""{"inputs":[{"name":"image","datatype":"BYTES","shape":[1,1],"data":[["{{Convert.ToBase64String(TestImages.Jpeg)}}"]]}],""" +
            "\"outputs\":[{\"name\":\"classification\"},{\"name\":\"indices\"},{\"name\":\"probabilities\"}]}",
            200, "inference_response"
        },
        { "POST", "/v2/models/A/infer", """{"inputs":[{"name":"tokens","datatype":"FP32","shape":[1],"data":[1]}]}""", 400, "inference_error_response" },
        { "POST", "/v2/models/resnet18/infer", """{"inputs":[{"name":"image","datatype":"BYTES","shape":[1],"data":["AAAA"]}]}""", 400, "inference_error_response" },
        { "POST", "/v2/models/nope/infer", """{"inputs":[]}""", 404, "inference_error_response" },
        { "POST", "/v2/models/A/infer", "{", 400, "inference_error_response" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Response_ConformsToTheSpec(string method, string path, string? body, int status, string schema)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text);
        Assert.Empty(Spec.Validate(schema, json));
        if (schema == "inference_response")
        {
            AssertShapesMatchData(json!);
            if (JsonNode.Parse(body!)!["id"] is { } id)
            {
                Assert.Equal(id.GetValue<string>(), json!["id"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Validator_CatchesAViolation() =>
        Assert.NotEmpty(Spec.Validate("inference_response", JsonNode.Parse("""{"model_name":"m","outputs":[{"name":"o","shape":["x"],"datatype":"FP32","data":[1]}]}""")));

    private static void AssertShapesMatchData(JsonNode response)
    {
        foreach (var output in response["outputs"]!.AsArray())
        {
            var elements = output!["shape"]!.AsArray().Aggregate(1L, (n, d) => n * d!.GetValue<long>());
            Assert.Equal(elements, Count(output["data"]!.AsArray()));
        }
    }

    private static long Count(JsonArray data) => data.Sum(e => e is JsonArray inner ? Count(inner) : 1L);
}
