namespace OrleansServe.Gateway.Inference;

/// <summary>What an image's first bytes say: its format and, where the header holds them, its declared size (0 when unknown).</summary>
public sealed record ImageHeader(string Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}
