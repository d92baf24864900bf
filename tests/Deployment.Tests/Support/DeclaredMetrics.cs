using System.Text.RegularExpressions;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>
/// Fallback for instruments a running gateway has not created yet (a grain's meter made on activation): the
/// Prometheus names of every <c>Create*&lt;T&gt;("name"</c> in src/, named as <c>MeterExport</c> names them: the
/// instrument's name lower-cased with every other character turned into '_' (the meter's name is not prepended).
/// </summary>
public static partial class DeclaredMetrics
{
    public static IReadOnlySet<string> Scan()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in InstrumentCall().Matches(File.ReadAllText(file)))
            {
                var name = ToPrometheus(match.Groups["name"].Value);
                names.Add(name);
                if (match.Groups["kind"].Value == "Histogram")
                {
                    names.UnionWith([$"{name}_bucket", $"{name}_sum", $"{name}_count"]);
                }
            }
        }
        return names;
    }

    private static string ToPrometheus(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray());

    [GeneratedRegex(@"\.Create(?:Observable)?(?<kind>Counter|Histogram|UpDownCounter|Gauge)(?:<[^>]+>)?\(\s*""(?<name>[^""]+)""")]
    private static partial Regex InstrumentCall();
}
