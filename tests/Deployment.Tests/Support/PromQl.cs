using System.Text.RegularExpressions;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>The metric names a PromQL expression selects (functions, keywords, labels and ranges removed).</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "inf", "nan",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var isCall = match.Groups["call"].Success;
            if (!isCall && !Keywords.Contains(name.ToLowerInvariant()) && !name.StartsWith('$'))
            {
                names.Add(name);
            }
        }
        return names;
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$.])(?<name>\$?[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
