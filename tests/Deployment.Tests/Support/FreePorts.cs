using System.Net;
using System.Net.Sockets;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>Ports the OS reports free, so an in-process silo never collides with another test run on this machine.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
