using OrleansServe.Engine;
using SkiaSharp;

namespace OrleansServe.Engine.Tests;

/// <summary>Every image format and size is served; every kind of bad input ends in its typed error, never a crash, and never fails its batch-mates.</summary>
public sealed class ImageInputTests : IDisposable
{
    private readonly ModelFolder _models = new ModelFolder().MobileNet().MobileNet("idle").Simulated("block", baseCpuMs: 300);
    private readonly EngineHost _host;

    public ImageInputTests()
    {
        _host = new EngineHost(_models.Path, ("Engine:Workers", "1"));
        Engine.LoadAsync("mobilenet", "test").GetAwaiter().GetResult();
        Engine.LoadAsync("block", "test").GetAwaiter().GetResult();
    }

    private InferenceEngine Engine => _host.Engine;

    public static TheoryData<string, InferenceErrorKind> BadImages => new()
    {
        { "empty", InferenceErrorKind.BadInput },
        { "missing", InferenceErrorKind.BadInput },
        { "truncated", InferenceErrorKind.BadInput },
        { "not-an-image", InferenceErrorKind.BadInput },
        { "huge-png-header", InferenceErrorKind.TooLarge },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task BadImagesGetTheirTypedError(string name, InferenceErrorKind expected)
    {
        byte[]? image = name switch
        {
            "empty" => [],
            "missing" => null,
            "truncated" => TestImages.Truncated(TestImages.Tench()),
            "not-an-image" => TestImages.NotAnImage(),
            _ => TestImages.PngDeclaring(100_000, 100_000),
        };

        var error = await Requests.ErrorOf(Engine.RunAsync(Requests.Image("mobilenet", TestImages.Tench()) with { Image = image }));

        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task ModelsNotLoadedOrUnknownGetTheirTypedErrors()
    {
        Assert.Equal(InferenceErrorKind.ModelNotLoaded, await Requests.ErrorOf(Engine.RunAsync(Requests.Image("idle", TestImages.Tench()))));
        Assert.Equal(InferenceErrorKind.UnknownModel, await Requests.ErrorOf(Engine.RunAsync(Requests.Image("nope", TestImages.Tench()))));
        var load = await Assert.ThrowsAsync<InferenceException>(() => Engine.LoadAsync("nope", "test"));
        Assert.Equal(InferenceErrorKind.UnknownModel, load.Kind);
        Assert.Equal(InferenceErrorKind.BadInput, await Requests.ErrorOf(Engine.RunAsync(Requests.Tokens("block", -1))));
    }

    [Fact]
    public async Task OneBadImageDoesNotFailTheRestOfItsBatch()
    {
        var blocker = await Engine.OccupyWorkerAsync();
        var good1 = Engine.RunAsync(Requests.Image("mobilenet", TestImages.Tench()));
        var bad = Engine.RunAsync(Requests.Image("mobilenet", TestImages.Truncated(TestImages.Tench())));
        var good2 = Engine.RunAsync(Requests.Image("mobilenet", TestImages.Tench()));
        await blocker.ReleaseAsync();

        Assert.Equal(InferenceErrorKind.BadInput, await Requests.ErrorOf(bad));
        foreach (var result in new[] { await good1, await good2 })
        {
            Assert.Equal(2, result.Timings.BatchSize);
            Assert.Equal(0, result.Predictions[0].Index); // tench
        }
    }

    [Fact]
    public async Task PngWebpBmpAndGifAreServed()
    {
        var jpeg = TestImages.Tench();
        byte[][] images = [TestImages.Reencode(jpeg, SKEncodedImageFormat.Png), TestImages.Reencode(jpeg, SKEncodedImageFormat.Webp), TestImages.Bmp(jpeg)];
        foreach (var image in images)
        {
            var result = await Engine.RunAsync(Requests.Image("mobilenet", image));
            Assert.Equal(0, result.Predictions[0].Index);
        }
        var gif = await Engine.RunAsync(Requests.Image("mobilenet", TestImages.Gif(), topK: 3));
        Assert.Equal(3, gif.Predictions.Count);
    }

    [Fact]
    public async Task ALargeJpegIsDecodedScaledToTheSameAnswer()
    {
        using var original = SkiaSharp.SKBitmap.Decode(TestImages.Tench());
        using var large = original.Resize(new SKImageInfo(4000, 3000), new SKSamplingOptions(SKFilterMode.Linear));
        using var encoded = large.Encode(SKEncodedImageFormat.Jpeg, 90);

        var result = await Engine.RunAsync(Requests.Image("mobilenet", encoded.ToArray()));

        Assert.Equal(0, result.Predictions[0].Index);
    }

    [Fact]
    public async Task TopKIsSortedSoftmaxWithLabels()
    {
        var result = await Engine.RunAsync(Requests.Image("mobilenet", TestImages.Tench(), topK: 5));

        Assert.Equal(5, result.Predictions.Count);
        Assert.Equal("tench", result.Predictions[0].Label);
        Assert.True(result.Predictions.Zip(result.Predictions.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
        Assert.InRange(result.Predictions.Sum(p => p.Confidence), 0.01f, 1.0001f);
    }


    public void Dispose()
    {
        _host.Dispose();
        _models.Dispose();
    }
}
