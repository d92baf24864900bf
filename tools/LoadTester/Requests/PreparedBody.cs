using System.Net.Http.Headers;

namespace OrleansServe.LoadTester.Requests;

/// <summary>A request body encoded once before the run; each send wraps the same bytes without copying.</summary>
public sealed class PreparedBody(byte[] bytes, string contentType)
{
    private readonly MediaTypeHeaderValue _contentType = MediaTypeHeaderValue.Parse(contentType);

    /// <summary>The encoded body.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>New content over the shared bytes.</summary>
    public ByteArrayContent ToContent()
    {
        var content = new ByteArrayContent(Bytes);
        content.Headers.ContentType = _contentType;
        return content;
    }
}
