namespace OrleansServe.Grains.LoadPredictor;

/// <summary>A simulated token model's cost, as its manifest states it.</summary>
internal sealed record TokenModelCost(string Name, double BaseCpuMs, double CpuMsPerToken, int MemoryMb);
