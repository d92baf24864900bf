using System.Net;
using System.Security.Cryptography;
using System.Text;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Admin;

/// <summary>
/// Guards admin endpoints: <c>X-Api-Key</c> must equal <c>Gateway:AdminKey</c>; with no key configured, only
/// loopback callers are let in.
/// </summary>
public sealed class AdminKeyFilter(IOptions<GatewayOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = options.Value.AdminKey;
        if (string.IsNullOrEmpty(key))
        {
            return IsLoopback(http.Connection.RemoteIpAddress)
                ? next(context)
                : ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status403Forbidden, "Forbidden",
                    "Admin endpoints answer only loopback callers when Gateway:AdminKey is not set."));
        }
        var given = http.Request.Headers[HeaderName].ToString();
        return FixedTimeEquals(given, key)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"Admin endpoints need the {HeaderName} header set to Gateway:AdminKey."));
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
