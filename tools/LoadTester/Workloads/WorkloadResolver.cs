namespace OrleansServe.LoadTester.Workloads;

/// <summary>Picks the run's workload from the options: constant rate, preset, or file, then applies the duration.</summary>
public static class WorkloadResolver
{
    /// <summary>
    /// <paramref name="rate"/> with <paramref name="durationS"/> → constant; else <paramref name="preset"/>;
    /// else <paramref name="file"/>; else, for a closed loop, <paramref name="durationS"/> alone.
    /// A duration cuts the shape, or repeats it when longer.
    /// </summary>
    /// <exception cref="ArgumentException">No source of load, or a rate without a duration.</exception>
    /// <exception cref="WorkloadFormatException">The file or preset cannot be read.</exception>
    public static Workload Resolve(double? rate, int? durationS, string? preset, string? file, bool closedLoop)
    {
        if (rate is { } r)
        {
            return durationS is { } d ? Workload.Constant(r, d) : throw new ArgumentException("--rate needs --duration S");
        }

        var workload = preset is not null ? WorkloadPresets.Resolve(preset, file)
            : file is not null ? WorkloadParser.ParseFile(file)
            : closedLoop && durationS is { } seconds ? new Workload(new double[seconds], $"closed loop {seconds} s")
            : throw new ArgumentException("give --workload FILE, --preset NAME, --duration S with --rate R, or --concurrency N with --duration S");
        return durationS is { } length && length != workload.DurationSeconds ? workload.WithDuration(length) : workload;
    }
}
