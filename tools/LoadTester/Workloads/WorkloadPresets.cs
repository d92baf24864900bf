namespace OrleansServe.LoadTester.Workloads;

/// <summary>The named scenario shapes behind <c>--preset</c>.</summary>
public static class WorkloadPresets
{
    /// <summary>Preset names, as accepted on the command line.</summary>
    public static readonly IReadOnlyList<string> Names = ["ramp", "spike", "sustained", "course-a", "course-b"];

    /// <summary>
    /// The preset's workload. <c>ramp</c>, <c>spike</c> and <c>sustained</c> are built in;
    /// <c>course-a</c>/<c>course-b</c> read <paramref name="file"/> when given, else the repository's
    /// <c>workloads/course-x.txt</c>.
    /// </summary>
    /// <exception cref="WorkloadFormatException">Unknown preset, or its file cannot be found or read.</exception>
    public static Workload Resolve(string name, string? file = null) => name switch
    {
        // Same shapes as workloads/ramp.txt and spike.txt, so runs compare with the files.
        "ramp" => Steps("ramp", (5, 30), (10, 30), (15, 30), (20, 30), (25, 30)),
        "spike" => Steps("spike", (2, 30), (50, 20), (2, 40)),
        "sustained" => Steps("sustained", (10, 120)),
        "course-a" or "course-b" => WorkloadParser.ParseFile(file ?? SharedPaths.Workload(name)
            ?? throw new WorkloadFormatException(
                $"preset {name}: workloads/{name}.txt not found (run from the repository); pass --workload FILE")),
        _ => throw new WorkloadFormatException(
            $"unknown preset '{name}' (expected one of: {string.Join(", ", Names)})"),
    };

    private static Workload Steps(string name, params (double Rate, int Seconds)[] steps) =>
        new(steps.SelectMany(s => Enumerable.Repeat(s.Rate, s.Seconds)).ToArray(), $"preset {name}");
}
