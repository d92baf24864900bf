using System.Text.Json;

namespace OrleansServe.LoadTester.Running;

/// <summary>
/// Reads the cluster's cumulative core-seconds from <c>GET {url}/api/cluster/cpu</c>
/// (<c>{"coreSeconds": x}</c>) when the gateway offers it; otherwise the run goes on without.
/// </summary>
public static class ClusterCpuProbe
{
    /// <summary>The counter, or null when the endpoint is missing, slow, or answers something else.</summary>
    public static async Task<double?> TryReadAsync(HttpClient client, string baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await client.GetAsync($"{baseUrl.TrimEnd('/')}/api/cluster/cpu", timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("coreSeconds", out var value)
                && value.TryGetDouble(out var coreSeconds) ? coreSeconds : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return null;
        }
    }
}
