using OrleansServe.ScalingSimulator.Simulation;

return args is ["shapes", .. var rest] ? LoadShapes.Run(rest) : SimulatorCommand.Run(args);
