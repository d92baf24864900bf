namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// A request: when it arrives, how long it takes on one core, and the latency it gets outside the server (gateway,
/// HTTP, client), all drawn up front so every policy faces the same demand.
/// </summary>
internal readonly record struct SimulatedRequest(double ArrivalAt, double ServiceSeconds, double OutsideSeconds = 0);
