namespace OrleansServe.LoadTester.Tests.Fakes;

/// <summary>A temporary folder of small JPEG-shaped files (SOI … EOI markers; nothing decodes them here).</summary>
public sealed class TestImages : IDisposable
{
    /// <summary>Creates the folder with <paramref name="count"/> images.</summary>
    public TestImages(int count = 3)
    {
        Directory.CreateDirectory(Path);
        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[2000 + i * 500];
            new Random(i).NextBytes(bytes);
            bytes[0] = 0xFF;
            bytes[1] = 0xD8;
            bytes[^2] = 0xFF;
            bytes[^1] = 0xD9;
            File.WriteAllBytes(System.IO.Path.Combine(Path, $"img{i}.JPEG"), bytes);
        }

        File.WriteAllText(System.IO.Path.Combine(Path, "labels.csv"), "not an image");
    }

    /// <summary>The folder.</summary>
    public string Path { get; } = TempDir.New("images");

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
