namespace OrleansServe.Engine.Tests;

public class PlaceholderTests
{
    [Fact]
    public void ImageInputSpecDefaultsToImageNetNormalisation() =>
        Assert.Equal([0.485f, 0.456f, 0.406f], new OrleansServe.Grains.Inference.ImageInputSpec().Mean);
}
