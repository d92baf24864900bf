using System.Net;

namespace OrleansServe.LoadTester.Running;

/// <summary>Keeps the tool from loading someone else's host by mistake: loopback, or hosts named with <c>--allow-host</c>.</summary>
public static class HostGuard
{
    /// <summary>Throws unless <paramref name="url"/> is http(s) on a loopback host or one of <paramref name="allowedHosts"/>.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute http(s), or its host is neither loopback nor allowed.</exception>
    public static Uri Check(string url, IReadOnlyCollection<string> allowedHosts)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url: '{url}' is not an absolute http:// or https:// URL");
        }

        if (IsLoopback(uri.IdnHost) || allowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }

        throw new ArgumentException(
            $"--url: refusing to load '{uri.IdnHost}', which is not a loopback address; pass --allow-host {uri.IdnHost} if you mean it");
    }

    /// <summary>True for <c>localhost</c> (and its subdomains) and loopback IP addresses.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
