using System.Globalization;

namespace OrleansServe.Scaling.Policies;

/// <summary>Builds a policy from its name: <c>slo</c>, <c>queue</c>, <c>hpa</c>, or <c>hpa</c> followed by a CPU target (<c>hpa70</c>, <c>hpa90</c>).</summary>
public static class PolicyFactory
{
    public static readonly IReadOnlyList<string> Names = ["slo", "queue", "hpa", "hpa70", "hpa90"];

    public static bool IsKnown(string name) => Normalize(name) is "slo" or "queue" or "hpa" || HpaTarget(Normalize(name)) is not null;

    /// <exception cref="ArgumentException">The name is not a policy.</exception>
    public static IScalingPolicy Create(string name, ScalingOptions options, TimeProvider time)
    {
        var key = Normalize(name);
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        return key switch
        {
            "slo" => new SloPolicy(options.Slo, options.P99TargetMs, poll, time),
            "queue" => new QueuePolicy(options.Queue, time),
            "hpa" => new HpaPolicy(options.Hpa, time),
            _ when HpaTarget(key) is { } target => new HpaPolicy(WithTarget(options.Hpa, target), time),
            _ => throw new ArgumentException($"Unknown scaling policy '{name}'; use {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static string Normalize(string name) => (name ?? "").Trim().ToLowerInvariant();

    private static double? HpaTarget(string key) =>
        key.StartsWith("hpa", StringComparison.Ordinal) && double.TryParse(key[3..], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and <= 100
            ? t
            : null;

    private static HpaOptions WithTarget(HpaOptions o, double target) => new()
    {
        TargetCpuPercent = target,
        Tolerance = o.Tolerance,
        DownStabilizationSeconds = o.DownStabilizationSeconds,
        SyncSeconds = o.SyncSeconds,
    };
}
