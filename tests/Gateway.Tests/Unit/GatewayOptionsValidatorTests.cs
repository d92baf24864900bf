using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansServe.Gateway.Hosting;
using OrleansServe.Hosting;

namespace OrleansServe.Gateway.Tests.Unit;

public class GatewayOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);

    [Fact]
    public void BadValues_NameTheirKeys()
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { MaxBodyBytes = 10, TimeoutMs = 0, OverloadStatus = 500, AdminKey = "short", GrpcPort = 70000 });
        Assert.True(result.Failed);
        foreach (var key in new[] { "Gateway:MaxBodyBytes", "Gateway:TimeoutMs", "Gateway:OverloadStatus", "Gateway:AdminKey", "Gateway:GrpcPort" })
        {
            Assert.Contains(key, result.FailureMessage);
        }
    }

    [Fact]
    public void TheImagePixelLimitIsTheEnginesOneKnob()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Engine:MaxDecodedPixels"] = "1000";
        builder.Configuration["Gateway:MaxImagePixels"] = "5"; // not a knob: the binder leaves it alone
        builder.AddOrleansServeSilo();
        builder.AddOrleansServeGateway();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(1000, services.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxImagePixels);
    }
}
