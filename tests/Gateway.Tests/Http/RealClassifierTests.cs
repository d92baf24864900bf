using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

/// <summary>
/// Out of the box the convenience endpoints answer with a real classifier (the shipped MobileNetV2, while ResNet18
/// has only seeded weights), name it, and the metadata says which weights are real.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RealClassifierTests(GatewayFactory factory)
{
    private static readonly string[] CatLabels = ["tabby", "tiger cat", "Persian cat", "Siamese cat", "Egyptian cat"];

    private static byte[] CatPhoto => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "images", "n02124075_Egyptian_cat.JPEG"));

    [Theory]
    [InlineData("/predict")]
    [InlineData("/add_to_queue")]
    public async Task ACatPhotoGetsACatLabelFromTheShippedClassifier(string path)
    {
        var response = await factory.CreateClient().PostAsync(path, new MultipartFormDataContent { { new ByteArrayContent(CatPhoto), "file", "cat.jpg" } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("mobilenetv2", json["model"]!.GetValue<string>());
        var label = json["prediction"]!.GetValue<string>().Split(':')[0];
        Assert.Contains(label, CatLabels);
    }

    [Theory]
    [InlineData("resnet18", "seeded")]
    [InlineData("mobilenetv2", "pretrained")]
    public async Task ModelMetadataSaysWhetherItsWeightsArePretrained(string model, string weights)
    {
        var metadata = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/v2/models/{model}");
        var list = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/v2/models");

        Assert.Equal(weights, metadata!["properties"]!["weights"]!.GetValue<string>());
        Assert.Equal(weights, list!["models"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == model)!["weights"]!.GetValue<string>());
    }
}
