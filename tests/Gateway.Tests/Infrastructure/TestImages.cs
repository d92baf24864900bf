using SkiaSharp;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>The real JPEGs committed in tests/images (a tench first, then an Egyptian cat), and generated images.</summary>
public static class TestImages
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Jpegs = new(Load);

    public static IReadOnlyList<byte[]> All => Jpegs.Value;

    public static byte[] Jpeg => Jpegs.Value[0];

    public static byte[] Png { get; } = Encode(SKEncodedImageFormat.Png, 64, 48);

    private static IReadOnlyList<byte[]> Load()
    {
        var files = Directory.EnumerateFiles(RepoPaths.TestImages, "*.JPEG").Order(StringComparer.Ordinal).ToList();
        return files.Count > 0
            ? files.Select(File.ReadAllBytes).ToList()
            : throw new FileNotFoundException($"No *.JPEG in {RepoPaths.TestImages}: the repository's test photos are missing.");
    }

    public static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkGreen };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
