using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansServe.Engine;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in Embedded mode (co-hosted silo with one model server) on free silo ports, no dashboard, an admin
/// key, and a short default deadline. One per test collection: the engine can be slow to load.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    public HttpClient Admin { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Silo:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Silo:Dashboard", "false");
        builder.UseSetting("Silo:Servers", "1");
        builder.UseSetting("Cluster:ClusterId", $"gateway-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Gateway:AdminKey", AdminKey);
        builder.UseSetting("Gateway:TimeoutMs", "20000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task InitializeAsync()
    {
        HeavyFixtures.Enter(nameof(GatewayFactory));
        Admin = CreateClient();
        Admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var client = CreateClient();
        await Eventually.ValueAsync(async () =>
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, TimeSpan.FromMinutes(3), "/health = 200");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        HeavyFixtures.Leave(nameof(GatewayFactory));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
