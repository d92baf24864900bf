using System.Text.RegularExpressions;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>docker-compose.yml, parsed (anchors and merge keys resolved).</summary>
public static partial class Compose
{
    public const string File = "docker-compose.yml";

    public static YamlNode Root { get; } = YamlNode.Load(File);

    public static YamlNode Service(string name)
    {
        var service = Root["services"][name];
        Assert.True(service.Exists, $"docker-compose.yml has no service '{name}'.");
        return service;
    }

    /// <summary>
    /// A service's environment, whether written as a map or as a list of NAME=value, with <c>${VAR:-default}</c>
    /// read as its default (what a user gets who sets nothing).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(string service)
    {
        var environment = Service(service)["environment"];
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in environment.Entries)
        {
            result[key] = value.Text is { } text ? Interpolated(text) : null;
        }
        foreach (var item in environment.Items)
        {
            var pair = item.RequiredText.Split('=', 2);
            result[pair[0]] = pair.Length > 1 ? Interpolated(pair[1]) : null;
        }
        return result;
    }

    private static string Interpolated(string value) => Variable().Replace(value, m => m.Groups["default"].Value);

    [GeneratedRegex(@"\$\{(?<name>\w+)(?::?-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
