namespace OrleansServe.Deployment.Tests.Support;

/// <summary>A Dockerfile as stages of instructions (continuation lines joined, comments dropped).</summary>
public sealed class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Name, string From, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    public IReadOnlyList<Stage> Stages { get; }

    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public Stage this[string name] =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"No stage '{name}' in the Dockerfile.");

    /// <summary>The stage and the stages it is built FROM, nearest first.</summary>
    public IEnumerable<Stage> Lineage(string name)
    {
        for (var stage = this[name]; ; stage = this[stage.From])
        {
            yield return stage;
            if (!Stages.Any(s => s.Name == stage.From))
            {
                yield break;
            }
        }
    }

    public static Dockerfile Load(string relativePath)
    {
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        foreach (var line in LogicalLines(RepoPaths.Read(relativePath)))
        {
            var space = line.IndexOf(' ');
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : $"#{stages.Count}";
                current = [];
                stages.Add(new Stage(name, parts[0], current));
            }
            else
            {
                current?.Add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var logical = (pending + line).Trim();
            pending = "";
            if (logical.Length > 0)
            {
                yield return logical;
            }
        }
    }
}
