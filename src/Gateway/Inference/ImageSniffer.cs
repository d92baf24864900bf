using System.Buffers.Binary;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// Cheap checks on an encoded image before it crosses the cluster: is it a format the engine decodes, and how
/// large does it say it is. Full decoding (and its failures) stays in the engine.
/// </summary>
public static class ImageSniffer
{
    /// <summary>The header of a JPEG, PNG, GIF, BMP or WebP image; null for anything else.</summary>
    public static ImageHeader? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            var (w, h, complete) = JpegScan(data);
            return new ImageHeader("jpeg", w, h, complete);
        }
        if (data.Length >= 8 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            var hasIhdr = data.Length >= 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8);
            var complete = data[Math.Max(8, data.Length - 64)..].IndexOf("IEND"u8) >= 0;
            return hasIhdr
                ? new ImageHeader("png", ClampedInt(BinaryPrimitives.ReadUInt32BigEndian(data[16..])), ClampedInt(BinaryPrimitives.ReadUInt32BigEndian(data[20..])), complete)
                : new ImageHeader("png", 0, 0, false);
        }
        if (data.Length >= 10 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
        {
            return new ImageHeader("gif", BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        }
        if (data.Length >= 26 && data[0] == (byte)'B' && data[1] == (byte)'M')
        {
            var w = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            var h = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
            return new ImageHeader("bmp", w == int.MinValue ? int.MaxValue : Math.Abs(w), h == int.MinValue ? int.MaxValue : Math.Abs(h));
        }
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return new ImageHeader("webp", 0, 0);
        }
        return null;
    }

    /// <summary>
    /// Walks JPEG segments: the frame size from the first start-of-frame marker, and whether an end-of-image marker
    /// follows the first scan (entropy-coded data stuffs every 0xFF, so 0xFFD9 there can only be the real end).
    /// </summary>
    private static (int Width, int Height, bool Complete) JpegScan(ReadOnlySpan<byte> data)
    {
        var (width, height) = (0, 0);
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                return (width, height, false);
            }
            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            if (marker == 0xD9)
            {
                return (width, height, false);
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (width == 0 && marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && i + 9 <= data.Length)
            {
                (width, height) = (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }
            if (length < 2)
            {
                return (width, height, false);
            }
            if (marker == 0xDA)
            {
                var scan = Math.Min(data.Length, i + 2 + length);
                return (width, height, data[scan..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0);
            }
            i += 2 + length;
        }
        return (width, height, false);
    }

    private static int ClampedInt(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
