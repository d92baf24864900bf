using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Unit;

public class ImageSnifferTests
{
    [Fact]
    public void Sniff_RealJpeg_ReadsFormatAndSize()
    {
        var jpeg = TestImages.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 320, 240);
        Assert.Equal(new ImageHeader("jpeg", 320, 240), ImageSniffer.Sniff(jpeg));
    }

    [Fact]
    public void Sniff_RealPng_ReadsFormatAndSize() =>
        Assert.Equal(new ImageHeader("png", 64, 48), ImageSniffer.Sniff(TestImages.Png));

    [Fact]
    public void Sniff_PngDeclaringFortyThousandSquare_ReportsTheDeclaredSize() =>
        Assert.Equal(1_600_000_000L, ImageSniffer.Sniff(BadImages.HugePng())!.Pixels);

    [Fact]
    public void Sniff_JpegFrameDeclaringFortyThousandSquare_ReportsTheDeclaredSize() =>
        Assert.Equal(1_600_000_000L, ImageSniffer.Sniff(BadImages.HugeJpeg())!.Pixels);

    [Fact]
    public void Sniff_EveryRealSampleJpeg_IsComplete() =>
        Assert.All(TestImages.All, jpeg => Assert.True(ImageSniffer.Sniff(jpeg)!.Complete));

    [Theory]
    [InlineData(700)]
    [InlineData(5000)]
    public void Sniff_TruncatedRealJpeg_IsIncomplete(int keep) =>
        Assert.False(ImageSniffer.Sniff(BadImages.Truncated(TestImages.Jpeg, keep))!.Complete);

    [Fact]
    public void Sniff_PngWithGarbageAfterItsHeader_IsIncomplete() => Assert.False(ImageSniffer.Sniff(BadImages.LyingPng())!.Complete);

    [Fact]
    public void Sniff_RandomBytes_IsNull() => Assert.Null(ImageSniffer.Sniff(BadImages.Random(1000)));

    [Fact]
    public void Sniff_TruncatedJpegBeforeFrame_KnowsFormatNotSize() =>
        Assert.Equal(new ImageHeader("jpeg", 0, 0, Complete: false), ImageSniffer.Sniff(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }));
}
