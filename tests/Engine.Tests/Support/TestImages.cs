using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace OrleansServe.Engine.Tests;

/// <summary>Images for the tests: a committed real photo, the shared samples, re-encodings of them, and deliberately bad data.</summary>
internal static class TestImages
{
    /// <summary>The committed photo of a tench (tests/images; ImageNet class 0).</summary>
    public static byte[] Tench() => File.ReadAllBytes(Path.Combine(RepoPaths.TestImages, "n01440764_tench.JPEG"));

    /// <summary>One of the 200 shared samples (only where <c>Prerequisites.SharedSamples</c> found them).</summary>
    public static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(RepoPaths.SharedImages, file));

    /// <summary>The 200 shared samples with their ImageNet class index (from labels.csv).</summary>
    public static IReadOnlyList<(string File, int ClassIndex)> Labelled() =>
        [.. File.ReadLines(Path.Combine(RepoPaths.SharedImages, "labels.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(parts => (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))];

    public static byte[] Reencode(byte[] jpeg, SKEncodedImageFormat format)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        using var data = bitmap.Encode(format, 100);
        return data.ToArray();
    }

    /// <summary>An uncompressed 24-bit BMP of the decoded sample (Skia cannot encode BMP).</summary>
    public static byte[] Bmp(byte[] jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        var (w, h) = (bitmap.Width, bitmap.Height);
        var stride = (w * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * h];
        var span = bytes.AsSpan();
        "BM"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], w);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], h);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        for (var y = 0; y < h; y++)
        {
            var row = 54 + (h - 1 - y) * stride;
            for (var x = 0; x < w; x++)
            {
                var c = bitmap.GetPixel(x, y);
                (bytes[row + x * 3], bytes[row + x * 3 + 1], bytes[row + x * 3 + 2]) = (c.Blue, c.Green, c.Red);
            }
        }
        return bytes;
    }

    /// <summary>The classic 43-byte 1×1 transparent GIF.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static byte[] Truncated(byte[] jpeg) => jpeg[..(jpeg.Length / 2)];

    public static byte[] NotAnImage() => Encoding.UTF8.GetBytes("<html>this is not an image</html>");

    /// <summary>A well-formed PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(stream, "IHDR", header);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        stream.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
