using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>Manifests and options: the repository's models, defaults, and failures that name the file, field or key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void TheRepositoryModelsFormTheCatalogAndNothingLoadsAtStart()
    {
        using var host = new EngineHost(RepoPaths.Models);

        Assert.Equal(["A", "B", "C", "D", "echo", "mobilenetv2", "resnet18"], host.Engine.Catalog.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Empty(host.Engine.LoadedModels);
        var resnet = host.Engine.Catalog.Single(m => m.Name == "resnet18");
        Assert.Equal(Path.Combine(RepoPaths.Models, "imagenet_classes.txt"), resnet.Labels);
        Assert.Equal(224, resnet.Input!.Size);
        Assert.Equal("4e8f8653e7a2222b3904cc3fe8e304cd8b339ce1d05fd24688162f86fb6df52c", resnet.Pretrained!.Sha256);
        Assert.Equal(ModelWeights.Pretrained, ModelWeights.Of(host.Engine.Catalog.Single(m => m.Name == "mobilenetv2")));
    }

    [Fact]
    public void ModelsLoadDefaultsToEveryModelAndCanBeReplaced()
    {
        Assert.Equal(["resnet18", "mobilenetv2", "A", "B", "C", "D", "echo"], Models().Load);
        Assert.Equal(["A", "echo"], Models(("Models:Load:0", "A"), ("Models:Load:1", "echo")).Load);
        Assert.Equal(["resnet18", "B"], Models(("Models:Load", "resnet18, B")).Load);
        Assert.Empty(Models(("Models:Load", "")).Load);
    }

    [Fact]
    public void EngineOptionsHaveDocumentedDefaultsAndNameBadKeys()
    {
        var options = new EngineOptions();
        Assert.Equal((0, 0, 8, 1024, 40_000_000L), (options.Workers, options.IntraOpThreads, options.MaxBatchSize, options.MaxQueue, options.MaxDecodedPixels));
        Assert.Equal(Environment.ProcessorCount, options.ResolvedWorkers);

        var error = Assert.Throws<OptionsValidationException>(() => Engine(("Engine:MaxBatchSize", "0"), ("Engine:MaxQueue", "-1")));
        Assert.Contains("Engine:MaxBatchSize", error.Message);
        Assert.Contains("Engine:MaxQueue", error.Message);
    }

    [Theory]
    [InlineData("""{ "name": "x", "kind": "simulated-tokens", "baseCpuMs": "fast" }""", "baseCpuMs")]
    [InlineData("""{ "kind": "simulated-tokens" }""", "name")]
    [InlineData("""{ "name": "x", "kind": "gpt" }""", "kind")]
    [InlineData("""{ "name": "x", "kind": "onnx-image", "file": "missing.onnx", "labels": "l.txt" }""", "file")]
    [InlineData("""{ "name": "x", "kind": "onnx-image", "file": "m.onnx", "labels": "l.txt", "input": { "mean": [0.5, 0.5] } }""", "input.mean")]
    [InlineData("""{ "name": "x", "kind": "onnx-image", "file": "m.onnx", "labels": "l.txt", "input": { "size": 224, "resize": 100 } }""", "input.resize")]
    [InlineData("""{ "name": "x", "kind": "simulated-tokens" """, "(document)")]
    [InlineData("""{ "name": "x", "kind": "onnx-image", "file": "m.onnx", "labels": "l.txt", "pretrained": { "url": "ftp://x/m.onnx", "sha256": "00" } }""", "pretrained.url")]
    [InlineData("""{ "name": "x", "kind": "onnx-image", "file": "m.onnx", "labels": "l.txt", "pretrained": { "url": "https://x/m.onnx", "sha256": "00" } }""", "pretrained.sha256")]
    public void ABadManifestFailsTheStartNamingFileAndField(string json, string field)
    {
        using var models = new ModelFolder().Write("bad", json);
        File.WriteAllText(Path.Combine(models.Path, "m.onnx"), "");
        File.WriteAllText(Path.Combine(models.Path, "l.txt"), "a");

        var error = Assert.Throws<ModelManifestException>(() => new EngineHost(models.Path));

        Assert.Equal(field, error.Field);
        Assert.Contains(Path.Combine(models.Path, "bad.json"), error.Message);
        Assert.Contains($"'{field}'", error.Message);
    }

    private static ModelsOptions Models(params (string Key, string Value)[] settings) =>
        Provider(settings).GetRequiredService<IOptions<ModelsOptions>>().Value;

    private static EngineOptions Engine(params (string Key, string Value)[] settings) =>
        Provider(settings).GetRequiredService<IOptions<EngineOptions>>().Value;

    private static ServiceProvider Provider((string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddInferenceEngine(configuration).BuildServiceProvider();
    }
}
