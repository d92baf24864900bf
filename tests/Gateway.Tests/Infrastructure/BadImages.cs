using System.Buffers.Binary;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>Images that lie: declared sizes far past any limit, valid headers over garbage, truncations.</summary>
public static class BadImages
{
    public static byte[] Random(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // never a magic number by accident
        return bytes;
    }

    /// <summary>A PNG signature and IHDR declaring 40 000 × 40 000, then nothing real.</summary>
    public static byte[] HugePng() => PngWithHeader(40_000, 40_000, Random(200));

    /// <summary>A PNG whose header says 100 × 100 and whose data is garbage.</summary>
    public static byte[] LyingPng() => PngWithHeader(100, 100, Random(500));

    /// <summary>A JPEG start and a baseline frame header declaring 40 000 × 40 000.</summary>
    public static byte[] HugeJpeg()
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(7), 40_000);
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(9), 40_000);
        return [.. head, .. Random(300)];
    }

    public static byte[] Truncated(byte[] image, int keep) => image[..Math.Min(keep, image.Length)];

    private static byte[] PngWithHeader(int width, int height, byte[] rest)
    {
        var bytes = new byte[33 + rest.Length];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        bytes[24] = 8;
        bytes[25] = 2;
        rest.CopyTo(bytes, 33);
        return bytes;
    }
}
