namespace OrleansServe.Scaling.Policies;

/// <summary>Holt's linear trend (double exponential smoothing) of the arrival rate, kept in <see cref="ScalingMemory"/>.</summary>
internal static class HoltForecast
{
    /// <summary>Folds in an observation taken <paramref name="step"/> after the previous one and returns the rate forecast <paramref name="horizon"/> ahead.</summary>
    public static double Update(ScalingMemory memory, double observed, TimeSpan step, TimeSpan horizon, double alpha, double beta)
    {
        if (memory.RateLevel is not { } level)
        {
            memory.RateLevel = observed;
            memory.RateTrend = 0;
            return observed;
        }
        var seconds = Math.Max(step.TotalSeconds, 1e-3);
        var predicted = level + (memory.RateTrend * seconds);
        var newLevel = (alpha * observed) + ((1 - alpha) * predicted);
        memory.RateTrend = (beta * (newLevel - level) / seconds) + ((1 - beta) * memory.RateTrend);
        memory.RateLevel = newLevel;
        return Math.Max(0, newLevel + (memory.RateTrend * horizon.TotalSeconds));
    }
}
