using System.Net.Sockets;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>Free loopback ports, handed out once per test run (Orleans does not reject a duplicate silo port).</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
