using SkiaSharp;

namespace OrleansServe.Engine.Imaging;

/// <summary>
/// Turns an encoded image into the model's input planes inside a batch tensor slot: decode (see
/// <see cref="ImageDecoder"/>), one bilinear draw that resizes the short side to <see cref="ImageInputSpec.Resize"/>
/// and centre-crops <see cref="ImageInputSpec.Size"/>, then a vectorised normalise. One instance per worker thread:
/// it reuses its buffers and is not thread-safe.
/// </summary>
/// <remarks>
/// The alpha channel is ignored after an unpremultiplied decode (as PIL's <c>convert("RGB")</c> does), so
/// transparent pixels keep their colour. EXIF orientation is not applied (PIL does not apply it either).
/// </remarks>
internal sealed unsafe class ImagePreprocessor(long maxDecodedPixels) : IDisposable
{
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear);

    private readonly ImageDecoder _decoder = new(maxDecodedPixels);
    private readonly Dictionary<int, CropTarget> _targets = [];

    /// <summary>Fills <paramref name="destination"/> (3 × size × size floats) from <paramref name="encoded"/>.</summary>
    /// <exception cref="InferenceException">BadInput for empty, unreadable or truncated data; TooLarge for a header over the pixel limit.</exception>
    public void Preprocess(ReadOnlySpan<byte> encoded, ImageInputSpec spec, RgbaNormalizer normalizer, Span<float> destination)
    {
        if (encoded.IsEmpty)
        {
            throw new InferenceException(InferenceErrorKind.BadInput, "The image is empty.");
        }
        using var data = SKData.CreateCopy(encoded);
        // Reads only the header: non-image bytes give null here, huge declared sizes are refused before decoding.
        using var codec = SKCodec.Create(data)
            ?? throw new InferenceException(InferenceErrorKind.BadInput, "The data is not a supported image (PNG, JPEG, WebP, BMP, GIF).");
        var decoded = _decoder.Decode(codec, spec);
        var target = Target(spec.Size);
        Draw(decoded, spec.Size, target);
        normalizer.Normalize(target.Pixels, destination);
    }

    private void Draw(DecodedImage decoded, int size, CropTarget target)
    {
        // Opaque: read the unpremultiplied colours as they are, ignoring alpha.
        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        fixed (byte* pixels = _decoder.Buffer)
        {
            using var image = SKImage.FromPixels(info, (IntPtr)pixels, info.RowBytes);
            target.Canvas.DrawImage(image, decoded.Crop, SKRect.Create(size, size), Bilinear);
        }
        target.Canvas.Flush();
    }

    private CropTarget Target(int size)
    {
        if (!_targets.TryGetValue(size, out var target))
        {
            target = new CropTarget(size);
            _targets.Add(size, target);
        }
        return target;
    }

    public void Dispose()
    {
        foreach (var target in _targets.Values)
        {
            target.Dispose();
        }
        _targets.Clear();
    }
}
