using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Inference;

/// <summary>Reads a whole request body, never more than the limit (Kestrel enforces it too; TestServer and chunked bodies need this).</summary>
public static class RequestBodyReader
{
    /// <summary>The largest announced body that is read and thrown away after its 413, so that its client can read the answer.</summary>
    public const long MaxDiscardBytes = 64 * 1024 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (request.ContentLength > maxBytes)
        {
            // Once the response is written, Kestrel reads and discards a body the endpoint left unread (for up to 5 s) before
            // it closes the connection; but past its body limit it closes at once, and closing a socket with unread data
            // resets it, so a client still sending (no Expect: 100-continue: urllib, requests) gets a broken pipe instead
            // of the 413. Up to MaxDiscardBytes the limit is lifted to the announced length, as nginx's lingering close does.
            if (sizeFeature is { IsReadOnly: false } && request.ContentLength <= MaxDiscardBytes)
            {
                sizeFeature.MaxRequestBodySize = request.ContentLength;
            }
            throw TooLarge(maxBytes);
        }
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }
        try
        {
            var body = request.ContentLength is > 0 and var length
                ? await ReadKnownLengthAsync(request.Body, (int)length, cancellationToken)
                : await ReadChunkedAsync(request.Body, maxBytes, cancellationToken);
            return body.Length > 0 ? body : throw HttpProblemException.BadRequest("The request body is empty.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static async Task<byte[]> ReadKnownLengthAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await body.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken);
        if (read < length)
        {
            throw HttpProblemException.BadRequest($"The request body ended after {read} of the {length} bytes its Content-Length announced.");
        }
        return buffer;
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static HttpProblemException TooLarge(long maxBytes) =>
        HttpProblemException.TooLarge($"The request body is larger than {maxBytes} bytes (Gateway:MaxBodyBytes).");
}
