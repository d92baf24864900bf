using System.Net.NetworkInformation;
using System.Net.Sockets;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// With no <c>Gateway:AdminKey</c>, admin writes answer loopback callers only. The gateway process listens on loopback
/// alone; the other caller's socket is bound to one of this machine's non-loopback addresses before it connects to
/// 127.0.0.1, so Kestrel sees a real connection from a non-loopback address and nothing listens beyond loopback.
/// </summary>
[Collection(GatewayProcessCollection.Name)]
public class LoopbackAdminTests(GatewayProcessFixture gateway)
{
    [Fact]
    public async Task WithoutAKey_ALoopbackCaller_UnloadsAndLoadsAModel()
    {
        var path = await ModelPathAsync(gateway.Client, "C");

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.DeleteAsync(path)).StatusCode);
        Assert.DoesNotContain("C", await ModelsAsync(gateway.Client));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsync(path, null)).StatusCode);
        Assert.Contains("C", await ModelsAsync(gateway.Client));
    }

    [SkippableFact]
    public async Task WithoutAKey_ANonLoopbackCaller_IsForbiddenToWrite_ButMayRead()
    {
        var address = NonLoopbackAddress();
        using var remote = new HttpClient(new SocketsHttpHandler { ConnectCallback = (context, ct) => ConnectFromAsync(address, context, ct) })
        {
            BaseAddress = gateway.Uri,
        };
        var path = await ModelPathAsync(remote, "C"); // a read: answered

        await ProblemAssert.IsProblemAsync(await remote.DeleteAsync(path), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await remote.PostAsync(path, null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await remote.PostAsync("/api/test-traffic/equal?requests=1", null), HttpStatusCode.Forbidden);
        Assert.Contains("C", await ModelsAsync(gateway.Client)); // the refused DELETE changed nothing
    }

    private static async Task<string> ModelPathAsync(HttpClient client, string model)
    {
        var server = (await client.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["serverId"]!.GetValue<string>();
        return $"/api/servers/{Uri.EscapeDataString(server)}/models/{model}";
    }

    private static async Task<List<string>> ModelsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/servers"))![0]!["models"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPAddress NonLoopbackAddress()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (address is null)
        {
            Prerequisites.Unavailable("this machine has no non-loopback IPv4 address to call the gateway from");
        }
        return address!;
    }
}
