using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OrleansServe.Deployment.Tests.Support;

/// <summary>A null-safe view of a parsed YAML value (maps, lists, scalar strings), anchors and merge keys resolved.</summary>
public sealed class YamlNode(object? value, string path)
{
    public string Path { get; } = path;

    public bool Exists => value is not null;

    public string? Text => value as string;

    public YamlNode this[string key] =>
        value is IDictionary<object, object?> map && map.TryGetValue(key, out var child)
            ? new YamlNode(child, $"{Path}.{key}")
            : new YamlNode(null, $"{Path}.{key}");

    public IEnumerable<YamlNode> Items =>
        value is IList<object?> list ? list.Select((item, i) => new YamlNode(item, $"{Path}[{i}]")) : [];

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries =>
        value is IDictionary<object, object?> map
            ? map.Select(e => KeyValuePair.Create((string)e.Key, new YamlNode(e.Value, $"{Path}.{e.Key}")))
            : [];

    public string RequiredText => Text ?? throw new Xunit.Sdk.XunitException($"{Path} is missing or not a scalar.");

    public override string ToString() => $"{Path} = {Text ?? value?.GetType().Name ?? "(missing)"}";

    /// <summary>Every document of a (multi-document) YAML file.</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string relativePath)
    {
        using var reader = new StringReader(RepoPaths.Read(relativePath));
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<YamlNode>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (!parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                documents.Add(new YamlNode(document, $"{relativePath}#{documents.Count}"));
            }
        }
        return documents;
    }

    public static YamlNode Load(string relativePath) => LoadAll(relativePath).Single();
}
