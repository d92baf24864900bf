namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>A request: when it arrives and how long it takes on one core (drawn up front, so every policy faces the same demand).</summary>
internal readonly record struct SimulatedRequest(double ArrivalAt, double ServiceSeconds);
