using OrleansServe.Grains.Routing;

namespace OrleansServe.Gateway.Tests.Unit;

/// <summary>
/// A registry re-activated after its silo was killed answers without the servers whose reports still go to the dead
/// activation; the view keeps those while their silos live (the kill -9 test once got 503s for every request).
/// </summary>
public class ServerViewMergeTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);

    private static ServerView Server(string silo, double ageSeconds = 1, bool healthy = true, bool draining = false) => new($"{silo}/0", silo, "S" + silo,
        new ServerLoadReport($"{silo}/0", silo, "S" + silo, ["A"], 0, 0, 0, 10, 100, 2, new Dictionary<string, ModelStats>(), draining,
            Now.AddSeconds(-ageSeconds)), healthy, healthy ? null : "silent");

    [Fact]
    public void KeepsAServingServerTheRegistryNoLongerKnows_WhileItsSiloLives()
    {
        var merged = ServerViewCache.Merge([Server("s1"), Server("s2")], [Server("s1")], _ => true, Now);
        Assert.Equal(["s1/0", "s2/0"], merged.Select(s => s.ServerId));
    }

    [Fact]
    public void DropsItOnceItsSiloIsGone_ItDrains_ItWasUnhealthy_OrItsReportIsOld()
    {
        Assert.Empty(ServerViewCache.Merge([Server("s2")], [], _ => false, Now));
        Assert.Empty(ServerViewCache.Merge([Server("s2", draining: true)], [], _ => true, Now));
        Assert.Empty(ServerViewCache.Merge([Server("s2", healthy: false)], [], _ => true, Now));
        Assert.Empty(ServerViewCache.Merge([Server("s2", ageSeconds: 20)], [], _ => true, Now));
    }

    [Fact]
    public void TheRegistrysAnswerWins_ForTheServersItKnows()
    {
        var fresh = Server("s1", healthy: false);
        var merged = ServerViewCache.Merge([Server("s1")], [fresh], _ => true, Now);
        Assert.Same(fresh, Assert.Single(merged));
    }
}
