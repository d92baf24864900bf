using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansServe.Gateway.Tests.Infrastructure;

/// <summary>The samples of a /metrics page (Prometheus text format), for tests that compare counters before and after.</summary>
public static partial class PrometheusText
{
    /// <summary>Every sample whose metric name ends with <paramref name="nameSuffix"/>, with its labels.</summary>
    public static IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string text, string nameSuffix) =>
        text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value.EndsWith(nameSuffix, StringComparison.Ordinal))
            .Select(m => ((IReadOnlyDictionary<string, string>)Label().Matches(m.Groups["labels"].Value)
                    .ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));

    // Label values may hold braces (a route template: "/v2/models/{model}/infer").
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Label();
}
