namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>A run's summary, its time series and every scaling decision.</summary>
public sealed record SimulationResult(SimulationSummary Summary, SimulationSeries Series, IReadOnlyList<ScalingDecision> Decisions);
