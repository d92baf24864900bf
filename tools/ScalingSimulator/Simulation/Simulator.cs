namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>Replays a workload against a scaling policy; the entry point a command line (or the load tester's <c>simulate</c>) calls.</summary>
public static class Simulator
{
    public static SimulationResult Run(SimulationSettings settings, string workloadName = "workload") =>
        new SimulationRun(settings, workloadName).Execute();
}
