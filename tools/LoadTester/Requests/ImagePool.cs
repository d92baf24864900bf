namespace OrleansServe.LoadTester.Requests;

/// <summary>The JPEG files of a folder, read once before the run so sending never touches the disk.</summary>
public sealed class ImagePool
{
    private ImagePool(IReadOnlyList<byte[]> images, IReadOnlyList<string> names)
    {
        Images = images;
        Names = names;
    }

    /// <summary>Image bytes, in file-name order.</summary>
    public IReadOnlyList<byte[]> Images { get; }

    /// <summary>File names, parallel to <see cref="Images"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Loads every <c>*.jpg</c>/<c>*.jpeg</c> (any case) of <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The folder is missing or holds no JPEG files.</exception>
    public static ImagePool Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"--images: folder '{directory}' does not exist");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg")
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new ArgumentException($"--images: folder '{directory}' holds no .jpg/.jpeg files");
        }

        return new ImagePool(files.Select(File.ReadAllBytes).ToArray(), files.Select(Path.GetFileName).ToArray()!);
    }

    /// <summary>A pool of in-memory images (tests).</summary>
    public static ImagePool FromBytes(IReadOnlyList<byte[]> images) =>
        new(images, images.Select((_, i) => $"image{i}.jpg").ToArray());
}
