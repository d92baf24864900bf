using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Inference;

/// <summary>Refuses bytes that are not an image the engine decodes (400) or that declare more pixels than allowed (413).</summary>
public static class ImageValidator
{
    public static byte[] Validate(byte[] image, long maxPixels)
    {
        if (image.Length == 0)
        {
            throw HttpProblemException.BadRequest("The image is empty.");
        }
        var header = ImageSniffer.Sniff(image)
            ?? throw HttpProblemException.BadRequest("The data is not a JPEG, PNG, GIF, BMP or WebP image.");
        if (header.Pixels > maxPixels)
        {
            throw HttpProblemException.TooLarge($"The {header.Format} image declares {header.Width}×{header.Height} pixels; the limit is {maxPixels} (Engine:MaxDecodedPixels).");
        }
        if (!header.Complete)
        {
            throw HttpProblemException.BadRequest($"The {header.Format} image is truncated or corrupt: its data ends before the image does.");
        }
        if (header.Format is "png" or "gif" or "bmp" && (header.Width == 0 || header.Height == 0))
        {
            throw HttpProblemException.BadRequest($"The {header.Format} image declares an empty size ({header.Width}×{header.Height}).");
        }
        return image;
    }

    /// <summary>Decodes base64 (a <c>data:</c> URI prefix is allowed) or throws 400.</summary>
    public static byte[] FromBase64(string text, string what)
    {
        var span = text.AsSpan().Trim();
        if (span.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = span.IndexOf(',');
            span = comma < 0 ? [] : span[(comma + 1)..];
        }
        if (span.IsEmpty)
        {
            throw HttpProblemException.BadRequest($"{what} is empty.");
        }
        var bytes = new byte[span.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(span, bytes, out var written))
        {
            throw HttpProblemException.BadRequest($"{what} is not valid base64.");
        }
        return bytes.AsSpan(0, written).ToArray();
    }
}
