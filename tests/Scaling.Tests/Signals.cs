namespace OrleansServe.Scaling.Tests;

/// <summary>Builds <see cref="ScalingSignals"/> with only the fields a test cares about.</summary>
internal static class Signals
{
    public static ScalingSignals Of(
        double rate = 0, double serviceMs = 20, double queue = 0, double cpu = 0, int ready = 1, int starting = 0, double startup = 8,
        double scv = -1, double observedP99 = 0) =>
        new(rate, serviceMs, queue, cpu, ready, starting, startup, scv, observedP99);
}
