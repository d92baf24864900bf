namespace OrleansServe.Gateway.Inference;

/// <summary>
/// What an image's bytes say without decoding: its format, its declared size where the header holds it (0 when unknown),
/// and whether the data reaches the format's end marker (JPEG EOI after the scan, PNG IEND; assumed for other formats).
/// </summary>
public sealed record ImageHeader(string Format, int Width, int Height, bool Complete = true)
{
    public long Pixels => (long)Width * Height;
}
