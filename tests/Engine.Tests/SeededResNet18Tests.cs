namespace OrleansServe.Engine.Tests;

/// <summary>The offline ResNet18: written when the file is absent, loads in ONNX Runtime, has ResNet18's size and outputs.</summary>
public sealed class SeededResNet18Tests
{
    [Fact]
    public async Task SeededResNet18IsWrittenLoadsAndAnswers1000Classes()
    {
        using var models = new ModelFolder();
        File.Copy(Path.Combine(RepoPaths.Models, "resnet18.json"), Path.Combine(models.Path, "resnet18.json"));
        File.Copy(Path.Combine(RepoPaths.Models, "imagenet_classes.txt"), Path.Combine(models.Path, "imagenet_classes.txt"));
        using var host = new EngineHost(models.Path, ("Engine:MaxBatchSize", "2"));

        await host.Engine.LoadAsync("resnet18", "test");
        var result = await host.Engine.RunAsync(Requests.Image("resnet18", TestImages.Tench(), topK: 1000));

        var file = Path.Combine(models.Path, "resnet18.onnx");
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFiles(models.Path, "*.tmp"));
        Assert.InRange(OnnxFile.CountParameters(file), 11_600_000, 11_800_000);
        Assert.Equal(1000, result.Predictions.Select(p => p.Index).Distinct().Count());
        Assert.InRange(result.Predictions.Sum(p => p.Confidence), 0.999f, 1.001f);
    }

    [Fact]
    public void TheSeededGraphIsDeterministic()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        var parameters = Engine.Onnx.SeededResNet18.Write(first);
        Engine.Onnx.SeededResNet18.Write(second);

        Assert.Equal(11_699_112, parameters);
        Assert.True(first.ToArray().AsSpan().SequenceEqual(second.ToArray()));
    }
}
