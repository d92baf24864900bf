namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>A slow-loris body: a JPEG start, then one byte every 100 ms for up to 30 s, without a length.</summary>
public sealed class SlowContent : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF });
        for (var i = 0; i < 300; i++)
        {
            await Task.Delay(100);
            await stream.WriteAsync(new byte[] { 0 });
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
