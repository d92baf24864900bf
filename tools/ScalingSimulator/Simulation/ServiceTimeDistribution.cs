namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>
/// Times in milliseconds: lognormal with a given mean and coefficient of variation, resampled from measured samples,
/// or replayed from a real run, where a request at second t draws from what that run measured in t's window.
/// </summary>
public sealed class ServiceTimeDistribution
{
    /// <summary>Seconds of a real run pooled into one window of samples.</summary>
    public const int RunWindowSeconds = 5;

    private readonly double _mu;
    private readonly double _sigma;
    private readonly double[]? _samples;
    private readonly IReadOnlyDictionary<int, double[]>? _byWindow;

    private ServiceTimeDistribution(double mu, double sigma, double[]? samples, string description, IReadOnlyDictionary<int, double[]>? byWindow = null)
    {
        _mu = mu;
        _sigma = sigma;
        _samples = samples;
        _byWindow = byWindow;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Mean of the distribution in milliseconds.</summary>
    public double MeanMs => _samples?.Average() ?? Math.Exp(_mu + (_sigma * _sigma / 2));

    /// <summary>Lognormal with this mean and coefficient of variation (ResNet18 on one core: about 20 ms, cv 0.15).</summary>
    public static ServiceTimeDistribution LogNormal(double meanMs, double cv)
    {
        var sigma2 = Math.Log(1 + (cv * cv));
        return new ServiceTimeDistribution(Math.Log(meanMs) - (sigma2 / 2), Math.Sqrt(sigma2), null, $"lognormal mean {meanMs} ms cv {cv}");
    }

    /// <summary>Resamples measured per-request times (one number in ms per line or separated by spaces).</summary>
    public static ServiceTimeDistribution FromSamples(string path)
    {
        var samples = WorkloadFile.ParseNumbers(File.ReadAllText(path)).Where(v => v > 0).ToArray();
        if (samples.Length == 0)
        {
            throw new InvalidDataException($"{path} holds no positive service-time samples.");
        }

        return new ServiceTimeDistribution(0, 0, samples, $"{samples.Length} samples from {Path.GetFileName(path)}");
    }

    /// <summary>
    /// Replays a column of a load tester run's <c>requests.csv</c> (or <c>requests.csv.gz</c>; rows answered 200): <c>inferenceMs</c> for the time a
    /// request held its replica, or the latency outside the server, <c>latencyMs − queueMs − inferenceMs</c> (gateway,
    /// HTTP, client). A request at second t draws from the rows scheduled in t's <see cref="RunWindowSeconds"/> window
    /// (the run's speed changes: JIT and start-up in the first seconds, the contention of its busiest minutes), from
    /// all rows when that window has none.
    /// </summary>
    public static ServiceTimeDistribution FromRun(string requestsCsv, bool outsideServer)
    {
        var lines = ReadLines(requestsCsv);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidDataException($"{requestsCsv} has no {name} column.");
        var (scheduled, status, latency, queue, inference) = (Column("scheduledMs"), Column("status"), Column("latencyMs"), Column("queueMs"), Column("inferenceMs"));
        var rows = lines.Skip(1).Select(line => line.Split(',')).Where(f => f[status] == "200")
            .Select(f => (Window: (int)(Number(f[scheduled]) / 1000 / RunWindowSeconds),
                Ms: outsideServer ? Number(f[latency]) - Number(f[queue]) - Number(f[inference]) : Number(f[inference])))
            .Where(r => double.IsFinite(r.Ms) && (outsideServer ? r.Ms >= 0 : r.Ms > 0)).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{requestsCsv} holds no answered requests with timings.");
        }

        var what = outsideServer ? "outside-server" : "inference";
        return new ServiceTimeDistribution(0, 0, rows.Select(r => r.Ms).ToArray(),
            $"{rows.Count} {what} times replayed from {Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(requestsCsv)))}",
            rows.GroupBy(r => r.Window).ToDictionary(g => g.Key, g => g.Select(r => r.Ms).ToArray()));
    }

    /// <summary>
    /// A run folder's <c>requests.csv</c>, or the <c>requests.csv.gz</c> kept in the repository for committed runs
    /// (<c>scripts/autoscale-real-keep.py</c>); null when it has neither.
    /// </summary>
    public static string? RunRequestsFile(string runDirectory) =>
        new[] { "requests.csv", "requests.csv.gz" }.Select(name => Path.Combine(runDirectory, name)).FirstOrDefault(File.Exists);

    private static string[] ReadLines(string path)
    {
        Stream file = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
            : file);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return [.. lines];
    }

    /// <summary>One draw for a request arriving <paramref name="atSeconds"/> into the run.</summary>
    public double Sample(Random random, double atSeconds = 0)
    {
        if (_byWindow is not null && _byWindow.TryGetValue((int)(atSeconds / RunWindowSeconds), out var window))
        {
            return window[random.Next(window.Length)];
        }

        if (_samples is not null)
        {
            return _samples[random.Next(_samples.Length)];
        }
        // Box–Muller: one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(_mu + (_sigma * normal));
    }

    private static double Number(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
