using OrleansServe.Scaling;


namespace OrleansServe.Scaling.Tests;

public class ReplicaPlannerTests
{
    private static ServerView Server(string id, int cores = 2, bool draining = false, int workers = 1)
    {
        var silo = id[..id.IndexOf('/')];
        var report = new ServerLoadReport(id, silo, "127.0.0.1:1", ["A"], 0, 0, 0, 10, 100, cores, new Dictionary<string, ModelStats>(), draining, DateTime.UtcNow,
            Workers: workers);
        return new ServerView(id, silo, "127.0.0.1:1", report, true, null);
    }

    [Fact]
    public void ScaleUpUsesSpareCoresBeforeLaunchingSilos()
    {
        var load = ClusterLoad.From([Server("a/0"), Server("b/0", cores: 1)]);
        var plan = ReplicaPlanner.Plan(load, current: 2, target: 4, maxPerSilo: 0, [], canLaunch: true, _ => false, new Dictionary<string, int>());
        Assert.Equal(["start server a/1", "launch silo"], plan.Select(a => a.ToString()));
    }

    [Fact]
    public void ASiloHoldsAsManyServersAsItsCoresHaveWorkersFor()
    {
        // A server is its lane of workers: one whose workers take every core leaves no room for a second.
        var full = ClusterLoad.From([Server("a/0", cores: 2, workers: 2)]);
        Assert.Equal(["launch silo"], ReplicaPlanner.Plan(full, 1, 2, maxPerSilo: 0, [], canLaunch: true, _ => false, new Dictionary<string, int>()).Select(a => a.ToString()));

        var half = ClusterLoad.From([Server("a/0", cores: 4, workers: 2)]);
        Assert.Equal(["start server a/1", "launch silo"], ReplicaPlanner.Plan(half, 1, 3, maxPerSilo: 0, [], canLaunch: true, _ => false, new Dictionary<string, int>()).Select(a => a.ToString()));
    }

    [Fact]
    public void ScaleUpTakesWarmSilosAfterSpareCoresAndBeforeLaunching()
    {
        var load = ClusterLoad.From([Server("a/0"), Server("scaled-1/0", draining: true)]);
        var plan = ReplicaPlanner.Plan(load, current: 1, target: 5, maxPerSilo: 0, ["scaled-2", "scaled-1"], canLaunch: true, _ => true, new Dictionary<string, int>());
        // a's spare core, one server on each warm silo (a drained server's key on it is not reused), then a launch.
        Assert.Equal(["start server a/1", "start server scaled-1/1 on warm silo scaled-1", "start server scaled-2/0 on warm silo scaled-2", "launch silo"],
            plan.Select(a => a.ToString()));
    }

    [Fact]
    public void AWarmSiloTakesAsManyServersAsThePerSiloCapAllows()
    {
        var load = ClusterLoad.From([Server("a/0")]);
        var plan = ReplicaPlanner.Plan(load, current: 1, target: 3, maxPerSilo: 1, ["w"], canLaunch: false, _ => true, new Dictionary<string, int>());
        Assert.Equal([ReplicaActionKind.ClaimWarmSilo], plan.Select(a => a.Kind));
        plan = ReplicaPlanner.Plan(load, current: 1, target: 4, maxPerSilo: 2, ["w"], canLaunch: false, _ => true, new Dictionary<string, int>());
        Assert.Equal(["a/1", "w/0", "w/1"], plan.Select(a => a.ServerId));
    }

    [Fact]
    public void ADrainedServersKeyIsNeverReused()
    {
        var load = ClusterLoad.From([Server("a/0"), Server("a/1", draining: true)]);
        var plan = ReplicaPlanner.Plan(load, current: 1, target: 2, maxPerSilo: 0, [], canLaunch: false, _ => false, new Dictionary<string, int>());
        Assert.Equal("a/2", Assert.Single(plan).ServerId);
    }

    [Fact]
    public void WithoutSpareCoresOrLauncherThePlanIsShort()
    {
        var load = ClusterLoad.From([Server("a/0")]);
        Assert.Empty(ReplicaPlanner.Plan(load, 1, 3, maxPerSilo: 1, [], canLaunch: false, _ => false, new Dictionary<string, int>()));
    }

    [Fact]
    public void ScaleDownDrainsLaunchedSilosFirstAndStopsThemWhenEmpty()
    {
        var load = ClusterLoad.From([Server("static/0"), Server("scaled-1/0"), Server("scaled-2/0"), Server("scaled-2/1")]);
        var plan = ReplicaPlanner.Plan(load, current: 4, target: 2, maxPerSilo: 0, [], canLaunch: true, s => s.StartsWith("scaled"), new Dictionary<string, int>());
        Assert.Equal(["drain server scaled-1/0 and stop silo scaled-1", "drain server scaled-2/1"], plan.Select(a => a.ToString()));
    }

    [Fact]
    public void ReplicasStillStartingNeverCauseAServingOneToBeDrained()
    {
        // 1 serving + 1 starting = 2 current, target 1: nothing to drain.
        var load = ClusterLoad.From([Server("static/0")]);
        Assert.Empty(ReplicaPlanner.Plan(load, current: 2, target: 1, 0, [], true, _ => false, new Dictionary<string, int>()));
    }

    [Fact]
    public void SilosWeDidNotStartAreNeverStopped()
    {
        var load = ClusterLoad.From([Server("static/0"), Server("static/1")]);
        var action = Assert.Single(ReplicaPlanner.Plan(load, 2, 1, 0, [], true, _ => false, new Dictionary<string, int>()));
        Assert.Equal(new ReplicaAction(ReplicaActionKind.DrainServer, "static", "static/1", StopSilo: false), action);
    }
}
