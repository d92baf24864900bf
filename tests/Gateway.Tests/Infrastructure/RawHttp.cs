using System.Net.Sockets;
using System.Text;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for a slow-loris client: it keeps trickling a chunked body and reads the answer
/// whenever the server sends it (HttpClient only reads the response once it has finished sending).
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Body)> SlowLorisAsync(Uri server, string path, string contentType,
        IReadOnlyDictionary<string, string> headers, TimeSpan giveUpAfter)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));

        using var stop = new CancellationTokenSource(giveUpAfter);
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync("1\r\n\0\r\n"u8.ToArray(), stop.Token);
                    await Task.Delay(100, stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        });

        var response = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
            {
                response.Write(buffer, 0, read);
                if (TryParse(response.ToArray(), out var parsed))
                {
                    return parsed;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }
        finally
        {
            stop.Cancel();
            await trickle;
        }
        return TryParse(response.ToArray(), out var last) ? last : (0, Encoding.UTF8.GetString(response.ToArray()));
    }

    /// <summary>
    /// A client in the manner of Python's urllib: the head and the whole <paramref name="bodyBytes"/>-byte body, with
    /// Content-Length and no <c>Expect: 100-continue</c>, and only then the answer. A
    /// server that answers early and closes with the body unread resets the connection: a write fails with a broken
    /// pipe or the read with a reset (an <see cref="IOException"/>), and the answer is lost.
    /// </summary>
    public static async Task<(int Status, string Body)> SendThenReadAsync(Uri server, string path, string contentType, int bodyBytes,
        TimeSpan giveUpAfter)
    {
        using var stop = new CancellationTokenSource(giveUpAfter);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, stop.Token);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {bodyBytes}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
        var chunk = new byte[64 * 1024];
        for (var sent = 0; sent < bodyBytes; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, bodyBytes - sent)), stop.Token);
        }

        var response = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
        {
            response.Write(buffer, 0, read);
            if (TryParse(response.ToArray(), out var parsed))
            {
                return parsed;
            }
        }
        return (0, Encoding.UTF8.GetString(response.ToArray()));
    }

    /// <summary>A complete response, its body framed by Content-Length or chunked.</summary>
    private static bool TryParse(byte[] data, out (int Status, string Body) response)
    {
        response = default;
        var text = Encoding.UTF8.GetString(data);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim())).FirstOrDefault(-1);
        var body = text[(end + 4)..];
        if (length >= 0)
        {
            if (Encoding.UTF8.GetByteCount(body) < length)
            {
                return false;
            }

            response = (status, body);
            return true;
        }
        if (!body.EndsWith("0\r\n\r\n", StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = new StringBuilder();
        for (var at = 0; ;)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd], 16);
            if (size == 0)
            {
                break;
            }

            decoded.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        response = (status, decoded.ToString());
        return true;
    }
}
