using OrleansServe.ScalingSimulator.Simulation;

return SimulatorCommand.Run(args);
