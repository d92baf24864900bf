using OrleansServe.Grains.Routing;

namespace OrleansServe.Gateway.Tests.Unit;

public class ClusterCpuAccountTests
{
    private static ServerView Server(string id, string siloAddress, double cpuSeconds) => new(id, "silo", siloAddress,
        new ServerLoadReport(id, "silo", siloAddress, ["A"], 0, 0, 0, 50, 100, 2, new Dictionary<string, ModelStats>(), false,
            DateTime.UtcNow, cpuSeconds), true, null);

    [Fact]
    public void CountsEachSiloProcessOnce_AndKeepsWhatASiloThatLeftUsed()
    {
        var account = new ClusterCpuAccount();

        account.Observe([Server("s1/0", "S1", 10), Server("s1/1", "S1", 10.5), Server("s2/0", "S2", 4)]);
        Assert.Equal(14.5, account.CoreSeconds, 6);

        account.Observe([Server("s1/0", "S1", 12)]); // s2 left the view
        Assert.Equal(16, account.CoreSeconds, 6);
        Assert.Equal(2, account.Silos);
    }

    [Fact]
    public void NeverGoesBack_WhenAnOlderReportArrivesLate()
    {
        var account = new ClusterCpuAccount();
        account.Observe([Server("s1/0", "S1", 12)]);

        account.Observe([Server("s1/1", "S1", 11)]);

        Assert.Equal(12, account.CoreSeconds, 6);
    }

    [Fact]
    public void ASiloRestartedOnTheSamePortCountsAnew()
    {
        var account = new ClusterCpuAccount();
        account.Observe([Server("s1/0", "S127.0.0.1:11111:1", 30)]);

        account.Observe([Server("s1/0", "S127.0.0.1:11111:2", 2)]);

        Assert.Equal(32, account.CoreSeconds, 6);
    }
}
