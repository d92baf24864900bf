using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Tests.Unit;

public class GatewayOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);

    [Fact]
    public void BadValues_NameTheirKeys()
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { MaxBodyBytes = 10, TimeoutMs = 0, OverloadStatus = 500, AdminKey = "short" });
        Assert.True(result.Failed);
        foreach (var key in new[] { "Gateway:MaxBodyBytes", "Gateway:TimeoutMs", "Gateway:OverloadStatus", "Gateway:AdminKey" })
        {
            Assert.Contains(key, result.FailureMessage);
        }
    }
}
