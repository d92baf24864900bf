using SkiaSharp;

namespace OrleansServe.Grains.Inference;

/// <summary>
/// Decodes an encoded image and writes the model's input planes into a batch tensor slot: header check before any
/// allocation, JPEG scaled decode (smallest k/8 keeping the short side ≥ <see cref="ImageInputSpec.Resize"/>),
/// one bilinear draw that resizes the short side to <c>Resize</c> and centre-crops <c>Size</c>, then a vectorised
/// normalise. One instance per worker thread: it reuses its buffers and is not thread-safe.
/// </summary>
/// <remarks>
/// Pixels are decoded as unpremultiplied RGBA and the alpha channel is then ignored (as PIL's <c>convert("RGB")</c>
/// does), so transparent pixels keep their colour. EXIF orientation is not applied (PIL does not apply it either).
/// </remarks>
internal sealed unsafe class ImagePreprocessor(long maxDecodedPixels) : IDisposable
{
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear);

    private readonly Dictionary<int, CropTarget> _targets = [];
    private byte[] _decoded = [];

    /// <summary>Fills <paramref name="destination"/> (3 × size × size floats) from <paramref name="encoded"/>.</summary>
    /// <exception cref="InferenceException">BadInput for empty, unreadable or truncated data; TooLarge for a header over the pixel limit.</exception>
    public void Preprocess(ReadOnlySpan<byte> encoded, ImageInputSpec spec, RgbaNormalizer normalizer, Span<float> destination)
    {
        if (encoded.IsEmpty)
        {
            throw new InferenceException(InferenceErrorKind.BadInput, "The image is empty.");
        }
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            throw new InferenceException(InferenceErrorKind.BadInput, "The data is not a supported image (PNG, JPEG, WebP, BMP, GIF).");
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new InferenceException(InferenceErrorKind.BadInput, $"The image declares {width}×{height} pixels.");
        }
        if ((long)width * height > maxDecodedPixels)
        {
            throw new InferenceException(InferenceErrorKind.TooLarge,
                $"The image declares {width}×{height} = {(long)width * height} pixels; the limit is {maxDecodedPixels}.");
        }

        var size = ChooseDecodeSize(codec, spec.Resize);
        var result = Decode(codec, size);
        if (result == SKCodecResult.InvalidScale && size != new SKSizeI(width, height))
        {
            size = new SKSizeI(width, height);
            result = Decode(codec, size);
        }
        if (result != SKCodecResult.Success)
        {
            throw new InferenceException(InferenceErrorKind.BadInput, $"The image data is truncated or corrupt ({result}).");
        }
        var target = Target(spec.Size);
        DrawCentreCrop(size, spec, target);
        normalizer.Normalize(target.Pixels, destination);
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, int resize)
    {
        // GetScaledDimensions may round a requested scale down past the target, so walk the eighths ourselves.
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= resize)
            {
                return scaled;
            }
        }
        return new SKSizeI(codec.Info.Width, codec.Info.Height);
    }

    private SKCodecResult Decode(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (_decoded.Length < info.BytesSize)
        {
            _decoded = GC.AllocateUninitializedArray<byte>(info.BytesSize, pinned: true);
        }
        fixed (byte* pixels = _decoded)
        {
            return codec.GetPixels(info, (IntPtr)pixels);
        }
    }

    private void DrawCentreCrop(SKSizeI size, ImageInputSpec spec, CropTarget target)
    {
        // One draw maps the centre square of the decoded image (short side scaled to Resize, crop of Size) to Size².
        var side = spec.Size * Math.Min(size.Width, size.Height) / (float)spec.Resize;
        var source = SKRect.Create((size.Width - side) / 2f, (size.Height - side) / 2f, side, side);
        var opaque = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        fixed (byte* pixels = _decoded)
        {
            using var image = SKImage.FromPixels(opaque, (IntPtr)pixels, opaque.RowBytes);
            target.Canvas.DrawImage(image, source, SKRect.Create(spec.Size, spec.Size), Bilinear);
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
