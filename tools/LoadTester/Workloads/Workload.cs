namespace OrleansServe.LoadTester.Workloads;

/// <summary>A load shape: the request rate to offer in each second of the run.</summary>
/// <param name="Rates">Requests per second, one entry per second, each at least 0.</param>
/// <param name="Name">Where the shape came from (file name, preset, or "constant").</param>
public sealed record Workload(IReadOnlyList<double> Rates, string Name)
{
    /// <summary>Length of the run in seconds.</summary>
    public int DurationSeconds => Rates.Count;

    /// <summary>A constant rate for <paramref name="seconds"/> seconds.</summary>
    public static Workload Constant(double rate, int seconds) =>
        new(Enumerable.Repeat(rate, seconds).ToArray(), $"constant {rate.ToString(CultureInfo.InvariantCulture)}/s");

    /// <summary>The first <paramref name="seconds"/> seconds, repeating the shape when it is shorter.</summary>
    public Workload WithDuration(int seconds) =>
        new(Enumerable.Range(0, seconds).Select(i => Rates[i % Rates.Count]).ToArray(), Name);
}
