using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansServe.Gateway.Hosting;

/// <summary>
/// Opens <c>Gateway:GrpcPort</c> on the hosts of the HTTP addresses (<c>Urls</c>). Kestrel cannot mix the hosting
/// addresses with endpoints configured in code (it drops the addresses), so the port joins the addresses before the
/// server starts, and the endpoint defaults (<see cref="GatewayHostingExtensions"/>) make it HTTP/2 only: cleartext
/// gRPC needs prior knowledge, which a port that also speaks HTTP/1.1 does not offer.
/// </summary>
internal sealed class GrpcPortStartupFilter(IOptions<GatewayOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var port = options.Value.GrpcPort;
        if (port > 0 && app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses is { IsReadOnly: false, Count: > 0 } addresses)
        {
            foreach (var host in addresses.Select(a => BindingAddress.Parse(a).Host).Distinct().ToList())
            {
                addresses.Add($"http://{host}:{port}");
            }
        }
        next(app);
    };
}
