namespace OrleansServe.Scaling.Policies;

/// <summary>
/// A scaling rule: from measured signals (and its own memory of windows and cooldowns) to a desired replica count.
/// Pure: no I/O, time from the injected <see cref="TimeProvider"/>, so the simulator and tests can drive it.
/// </summary>
public interface IScalingPolicy
{
    /// <summary>The name it is selected by and reported under (e.g. <c>hpa70</c>).</summary>
    string Name { get; }

    /// <summary>How often it evaluates; between evaluations the replica count is left alone.</summary>
    TimeSpan Period { get; }

    /// <summary>The desired replicas (before min/max), updating <paramref name="memory"/>.</summary>
    int Recommend(ScalingSignals signals, ScalingMemory memory);
}
