using System.Net;
using System.Net.Sockets;

namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>
/// Free loopback ports, never the same one twice in this process: Orleans does not reject a duplicate silo port
/// (its listener sets ReuseAddress), so whoever starts silos must hand out distinct ones.
/// </summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    public int Next()
    {
        lock (_given)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_given.Add(port))
                {
                    return port;
                }
            }
            throw new InvalidOperationException("No free loopback port found.");
        }
    }
}
