using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// Turns a request body of any accepted form into a <see cref="ParsedInference"/>: Open Inference Protocol JSON,
/// <c>{"image": base64}</c> / <c>{"tokens": N}</c> JSON (also sent as text/plain or with no content type), a raw
/// image body, or a multipart form with field <c>file</c> or <c>image</c>. Throws <see cref="HttpProblemException"/>.
/// </summary>
public static class InferenceInputParser
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    public static async ValueTask<ParsedInference> ParseAsync(string? contentType, byte[] body, bool imageModel, GatewayOptions options)
    {
        var mediaType = MediaTypeOf(contentType);
        if (mediaType is null || mediaType == "text/plain")
        {
            if (LooksLikeJson(body))
            {
                return ParseJson(body, imageModel, options);
            }
            if (mediaType is null && imageModel && ImageSniffer.Sniff(body) is not null)
            {
                return Single(InferenceItem.ForImage(ImageValidator.Validate(body, options.MaxImagePixels)));
            }
            throw HttpProblemException.UnsupportedMediaType(imageModel
                ? "Send JSON (application/json), an image (image/*, application/octet-stream) or multipart/form-data with field 'file'."
                : "Send JSON (application/json): {\"tokens\": N} or an Open Inference Protocol request.");
        }
        if (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            return ParseJson(body, imageModel, options);
        }
        if (imageModel && (mediaType.StartsWith("image/", StringComparison.Ordinal) || mediaType == "application/octet-stream"))
        {
            return Single(InferenceItem.ForImage(ImageValidator.Validate(body, options.MaxImagePixels)));
        }
        if (imageModel && mediaType == "multipart/form-data")
        {
            return Single(InferenceItem.ForImage(ImageValidator.Validate(await ReadMultipartImageAsync(contentType!, body), options.MaxImagePixels)));
        }
        throw HttpProblemException.UnsupportedMediaType(imageModel
            ? $"Media type '{Shorten(mediaType)}' is not accepted: send application/json, image/*, application/octet-stream or multipart/form-data."
            : $"Media type '{Shorten(mediaType)}' is not accepted: this model takes application/json.");
    }

    private static ParsedInference ParseJson(byte[] body, bool imageModel, GatewayOptions options)
    {
        JsonDocument document;
        try
        {
            var utf8 = body.AsMemory();
            if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                utf8 = utf8[3..];
            }
            document = JsonDocument.Parse(utf8, JsonOptions);
        }
        catch (JsonException e)
        {
            throw HttpProblemException.BadRequest($"The body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw HttpProblemException.BadRequest($"The JSON body must be an object, not {JsonKinds.Name(root.ValueKind)}.");
            }
            if (root.TryGetProperty("inputs", out _))
            {
                return OpenInferenceParser.Parse(root, imageModel, options);
            }
            return imageModel ? ParseImageJson(root, options) : ParseTokensJson(root, options);
        }
    }

    private static ParsedInference ParseImageJson(JsonElement root, GatewayOptions options)
    {
        if (!root.TryGetProperty("image", out var image))
        {
            throw HttpProblemException.BadRequest("Expected {\"image\": \"<base64>\"} or an Open Inference Protocol request with \"inputs\".");
        }
        if (image.ValueKind != JsonValueKind.String)
        {
            throw HttpProblemException.BadRequest($"\"image\" must be a base64 string, not {JsonKinds.Name(image.ValueKind)}.");
        }
        return Single(InferenceItem.ForImage(ImageValidator.Validate(ImageValidator.FromBase64(image.GetString()!, "\"image\""), options.MaxImagePixels)));
    }

    private static ParsedInference ParseTokensJson(JsonElement root, GatewayOptions options)
    {
        if (!root.TryGetProperty("tokens", out var tokens))
        {
            throw HttpProblemException.BadRequest("Expected {\"tokens\": N} or an Open Inference Protocol request with \"inputs\".");
        }
        return Single(InferenceItem.ForTokens(JsonKinds.TokenCount(tokens, "\"tokens\"", options.MaxTokens)));
    }

    private static async Task<byte[]> ReadMultipartImageAsync(string contentType, byte[] body)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? HeaderUtilities.RemoveQuotes(parsed.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw HttpProblemException.BadRequest("The multipart/form-data content type has no valid boundary.");
        }
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { HeadersCountLimit = 32 };
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
                if (name is "file" or "image")
                {
                    using var image = new MemoryStream();
                    await section.Body.CopyToAsync(image);
                    return image.ToArray();
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw HttpProblemException.BadRequest($"The multipart body is malformed: {e.Message}");
        }
        throw HttpProblemException.BadRequest("The multipart form has no field named 'file' or 'image'.");
    }

    private static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'{';
    }

    private static ParsedInference Single(InferenceItem item) => new(null, [item], null, null, IsOpenInference: false);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
