using SkiaSharp;

namespace OrleansServe.Engine.Imaging;

/// <summary>
/// Decodes just what the centre crop needs into a reusable buffer: the header is checked before any allocation;
/// JPEGs decode scaled (the smallest k/8 keeping the short side ≥ <see cref="ImageInputSpec.Resize"/>) and, through
/// the scanline decoder, only the rows and columns around the crop (about a quarter less work on typical photos).
/// Pixels are unpremultiplied RGBA. One instance per worker thread.
/// </summary>
internal sealed unsafe class ImageDecoder(long maxDecodedPixels)
{
    /// <summary>Largest buffer kept between images (16 MB: a 4-megapixel decode).</summary>
    private const int RetainedBytes = 16 << 20;

    private byte[] _buffer = [];

    /// <summary>The decoded pixels (pinned: its address may be handed to Skia).</summary>
    public byte[] Buffer => _buffer;

    /// <exception cref="InferenceException">BadInput for unreadable or truncated data; TooLarge for a header over the pixel limit.</exception>
    public DecodedImage Decode(SKCodec codec, ImageInputSpec spec)
    {
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

        var size = ScaledSize(codec, spec.Resize);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && TryDecodeRegion(codec, size, spec) is { } region)
        {
            return region;
        }
        var result = DecodeWhole(codec, size);
        if (result == SKCodecResult.InvalidScale && size != new SKSizeI(width, height))
        {
            size = new SKSizeI(width, height);
            result = DecodeWhole(codec, size);
        }
        if (result != SKCodecResult.Success)
        {
            throw Corrupt(result.ToString());
        }
        return new DecodedImage(size.Width, size.Height, CentreCrop(size, spec));
    }

    private static SKSizeI ScaledSize(SKCodec codec, int resize)
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

    /// <summary>The square that, once the short side is scaled to Resize, is the centred Size × Size crop.</summary>
    private static SKRect CentreCrop(SKSizeI size, ImageInputSpec spec)
    {
        var side = spec.Size * Math.Min(size.Width, size.Height) / (float)spec.Resize;
        return SKRect.Create((size.Width - side) / 2f, (size.Height - side) / 2f, side, side);
    }

    /// <summary>Scanline-decodes the crop plus a one-pixel margin for bilinear sampling; null when the codec cannot.</summary>
    private DecodedImage? TryDecodeRegion(SKCodec codec, SKSizeI size, ImageInputSpec spec)
    {
        var crop = CentreCrop(size, spec);
        var left = Math.Max(0, (int)MathF.Floor(crop.Left) - 1);
        var top = Math.Max(0, (int)MathF.Floor(crop.Top) - 1);
        var right = Math.Min(size.Width, (int)MathF.Ceiling(crop.Right) + 1);
        var bottom = Math.Min(size.Height, (int)MathF.Ceiling(crop.Bottom) + 1);
        var (width, height) = (right - left, bottom - top);

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // Scanline decoders subset columns only; rows are skipped, then read.
        if (codec.StartScanlineDecode(info, new SKCodecOptions(new SKRectI(left, 0, right, size.Height))) != SKCodecResult.Success)
        {
            return null;
        }
        if (!codec.SkipScanlines(top))
        {
            throw Corrupt("rows above the crop are missing");
        }
        Reserve(width * 4 * height);
        int rows;
        fixed (byte* pixels = _buffer)
        {
            rows = codec.GetScanlines((IntPtr)pixels, height, width * 4);
        }
        if (rows != height)
        {
            throw Corrupt($"IncompleteInput: {rows} of {height} rows of the crop");
        }
        return new DecodedImage(width, height, SKRect.Create(crop.Left - left, crop.Top - top, crop.Width, crop.Height));
    }

    private SKCodecResult DecodeWhole(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        Reserve(info.BytesSize);
        fixed (byte* pixels = _buffer)
        {
            return codec.GetPixels(info, (IntPtr)pixels);
        }
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length < bytes || _buffer.Length > RetainedBytes)
        {
            // Keep a buffer for ordinary photos; one for a rare huge image is dropped after use.
            _buffer = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        }
    }

    private static InferenceException Corrupt(string detail) =>
        new(InferenceErrorKind.BadInput, $"The image data is truncated or corrupt ({detail}).");
}
