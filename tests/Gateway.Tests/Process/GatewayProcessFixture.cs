using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>
/// The gateway's build output as a real process in Embedded mode (its co-hosted silo serves the models), listening on
/// a free loopback port with no admin key: what a real socket reaches (Kestrel's limits, the caller's address) and
/// TestServer does not. Ready once /health is 200; killed at the end, also when start-up fails.
/// </summary>
public sealed class GatewayProcessFixture : IAsyncLifetime
{
    private ManagedProcess? _gateway;

    public Uri Uri { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        HeavyFixtures.Enter(nameof(GatewayProcessFixture));
        var dll = RepoPaths.BuiltDll("Gateway");
        _gateway = ManagedProcess.Start("gateway", "dotnet", [dll], new Dictionary<string, string>
        {
            ["Urls"] = Uri.ToString().TrimEnd('/'),
            ["Gateway__GrpcPort"] = FreePorts.Next().ToString(),
            ["Cluster__ClusterId"] = $"gw-process-{Guid.NewGuid():N}",
            ["Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Silo__Dashboard"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        }, Path.GetDirectoryName(dll));
        Client = new HttpClient { BaseAddress = Uri, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await Eventually.ValueAsync(async () =>
            {
                if (_gateway.HasExited)
                {
                    throw new InvalidOperationException("the gateway exited");
                }

                using var response = await Client.GetAsync("/health");
                return response.StatusCode == HttpStatusCode.OK ? "ok" : null;
            }, TimeSpan.FromMinutes(3), "the gateway's /health = 200");
        }
        catch (Exception e)
        {
            var output = _gateway.Output();
            await DisposeAsync();
            throw new InvalidOperationException($"The gateway process did not start.\n{output}", e);
        }
    }

    /// <summary>The recent output of the gateway, for failure messages.</summary>
    public string Diagnostics() => _gateway?.Output() ?? "";

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _gateway?.Dispose();
        HeavyFixtures.Leave(nameof(GatewayProcessFixture));
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GatewayProcessCollection : ICollectionFixture<GatewayProcessFixture>
{
    public const string Name = "gateway-process";
}
