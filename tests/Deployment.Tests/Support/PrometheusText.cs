using System.Text.RegularExpressions;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>Metric names in Prometheus text exposition format.</summary>
public static partial class PrometheusText
{
    public static IReadOnlySet<string> MetricNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                var name = type.Groups["name"].Value;
                names.Add(name);
                if (type.Groups["kind"].Value is "histogram")
                {
                    names.UnionWith([$"{name}_bucket", $"{name}_sum", $"{name}_count"]);
                }
                if (type.Groups["kind"].Value is "summary")
                {
                    names.UnionWith([$"{name}_sum", $"{name}_count"]);
                }
            }
            else if (SampleLine().Match(line) is { Success: true } sample)
            {
                names.Add(sample.Groups["name"].Value);
            }
        }
        return names;
    }

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<kind>\w+)")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]")]
    private static partial Regex SampleLine();
}
