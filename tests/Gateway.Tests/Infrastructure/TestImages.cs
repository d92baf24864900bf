using SkiaSharp;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>Real JPEGs from ../shared/images, or a generated one when that folder is absent.</summary>
public static class TestImages
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Jpegs = new(Load);

    public static IReadOnlyList<byte[]> All => Jpegs.Value;

    public static byte[] Jpeg => Jpegs.Value[0];

    public static byte[] Png { get; } = Encode(SKEncodedImageFormat.Png, 64, 48);

    private static IReadOnlyList<byte[]> Load()
    {
        var folder = RepoPaths.SharedImages;
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.JPEG").Concat(Directory.EnumerateFiles(folder, "*.jpg")).Order(StringComparer.Ordinal).Take(16).ToList()
            : [];
        return files.Count > 0 ? files.Select(File.ReadAllBytes).ToList() : [Encode(SKEncodedImageFormat.Jpeg, 320, 240)];
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
