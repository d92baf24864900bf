using OrleansServe.Grains.Servers;

namespace OrleansServe.Cluster.Tests;

public sealed class ModelStatsWindowTests
{
    [Fact]
    public void AMeasurementIsForgottenAfterFiveReportsWithoutARequest()
    {
        var stats = new ModelStatsWindow();
        stats.Served(tokens: 10, perRequestMs: 60, latencyMs: 60);

        Assert.Equal(60, stats.TakeReport().EwmaMs);
        for (var quiet = 1; quiet < ModelStatsWindow.ForgetAfterQuietReports; quiet++)
        {
            Assert.Equal(60, stats.TakeReport().EwmaMs);
        }
        Assert.Equal(0, stats.TakeReport().EwmaMs);

        stats.Served(tokens: 10, perRequestMs: 5, latencyMs: 5);
        Assert.Equal(5, stats.TakeReport().EwmaMs); // measured afresh, not blended with the forgotten 60 ms
    }
}
