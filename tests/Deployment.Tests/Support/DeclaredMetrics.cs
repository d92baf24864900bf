using System.Text.RegularExpressions;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>
/// Fallback for instruments a running gateway has not created yet (a grain's meter made on activation): the
/// Prometheus names of every <c>Create*&lt;T&gt;("name"</c> in src/, named as prometheus-net names them,
/// <c>{meter}_{instrument}</c> lower-cased with every other character turned into '_'. The meter is the file's
/// <c>MeterName</c> constant or the string given to <c>new Meter(..)</c> / <c>IMeterFactory.Create(..)</c>.
/// </summary>
public static partial class DeclaredMetrics
{
    public static IReadOnlySet<string> Scan()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("src"), "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            if (MeterNameIn(source) is not { } meter)
            {
                continue;
            }
            foreach (Match match in InstrumentCall().Matches(source))
            {
                var name = ToPrometheus($"{meter}_{match.Groups["name"].Value}");
                names.Add(name);
                if (match.Groups["kind"].Value == "Histogram")
                {
                    names.UnionWith([$"{name}_bucket", $"{name}_sum", $"{name}_count"]);
                }
            }
        }
        return names;
    }

    public static string ToPrometheus(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray());

    private static string? MeterNameIn(string source) =>
        MeterNameConstant().Match(source) is { Success: true } constant ? constant.Groups["meter"].Value
        : MeterLiteral().Match(source) is { Success: true } literal ? literal.Groups["meter"].Value
        : null;

    [GeneratedRegex(@"MeterName\s*=\s*""(?<meter>[^""]+)""")]
    private static partial Regex MeterNameConstant();

    [GeneratedRegex(@"(?:new\s+Meter|\.Create)\(\s*""(?<meter>[^""]+)""")]
    private static partial Regex MeterLiteral();

    [GeneratedRegex(@"\.Create(?:Observable)?(?<kind>Counter|Histogram|UpDownCounter|Gauge)(?:<[^>]+>)?\(\s*""(?<name>[^""]+)""")]
    private static partial Regex InstrumentCall();
}
