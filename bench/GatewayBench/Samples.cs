using SkiaSharp;

namespace OrleansServe.GatewayBench;

/// <summary>The JPEGs to send: ../shared/images/imagenet-samples, or one generated 500×375 picture when absent.</summary>
public static class Samples
{
    public static IReadOnlyList<byte[]> Jpegs()
    {
        var folder = Repo.Images;
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.JPEG").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count > 0)
        {
            return files.Select(File.ReadAllBytes).ToList();
        }

        using var bitmap = new SKBitmap(500, 375);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Olive);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawCircle(250, 187, 120, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return [data.ToArray()];
    }
}
