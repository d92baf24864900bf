using System.Diagnostics;
using System.Security.Cryptography;

namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Downloads a manifest's <c>pretrained</c> file over its absent or seeded one: streamed to a temporary file beside
/// it while hashing, installed (rename) only when its SHA-256 matches, within a time limit. Never throws: a
/// failure is logged and the caller serves the seeded graph.
/// </summary>
internal static class PretrainedFetch
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>True when <see cref="ModelManifest.File"/> now holds the verified pretrained file.</summary>
    public static bool TryFetch(ModelManifest manifest, TimeSpan timeout, ILogger logger)
    {
        var source = manifest.Pretrained!;
        var target = manifest.File!;
        var temp = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.download";
        var start = Stopwatch.GetTimestamp();
        EngineLog.FetchingPretrained(logger, manifest.Name, source.Url);
        try
        {
            using var timeoutSource = new CancellationTokenSource(timeout);
            using var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, source.Url), HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            response.EnsureSuccessStatusCode();
            string actual;
            using (var body = response.Content.ReadAsStream(timeoutSource.Token))
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = body.Read(buffer)) > 0)
                {
                    timeoutSource.Token.ThrowIfCancellationRequested();
                    hash.AppendData(buffer, 0, read);
                    file.Write(buffer, 0, read);
                }
                actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (actual != source.Sha256)
            {
                EngineLog.PretrainedFetchFailed(logger, manifest.Name, $"SHA-256 {actual} is not the manifest's {source.Sha256}; not installed");
                return false;
            }
            File.Move(temp, target, overwrite: true);
            EngineLog.PretrainedFetched(logger, manifest.Name, target, Stopwatch.GetElapsedTime(start).TotalSeconds);
            return true;
        }
        catch (OperationCanceledException)
        {
            EngineLog.PretrainedFetchFailed(logger, manifest.Name, $"no complete answer within {timeout.TotalSeconds:F0} s (Models:FetchTimeoutSeconds)");
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException)
        {
            EngineLog.PretrainedFetchFailed(logger, manifest.Name, ex.Message);
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
