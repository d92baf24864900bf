using OrleansServe.Deployment.Tests.Support;

namespace OrleansServe.Deployment.Tests;

/// <summary>
/// What the build cannot check of .editorconfig: no line of C# is longer than its <c>max_line_length</c>
/// (braces and namespaces are enforced by the build itself, EnforceCodeStyleInBuild).
/// </summary>
public sealed class CodeStyleTests
{
    private const int MaxLineLength = 200;

    [Fact]
    public void NoLineOfCSharpIsLongerThanTheEditorConfigAllows()
    {
        Assert.Contains($"max_line_length = {MaxLineLength}", RepoPaths.Read(".editorconfig"));
        var tooLong = new[] { "src", "tests", "tools", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.Of(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => l.line.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.number} ({l.line.Length} characters)")
            .ToList();

        Assert.True(tooLong.Count == 0, $"{tooLong.Count} lines over {MaxLineLength} characters:\n{string.Join("\n", tooLong)}");
    }
}
