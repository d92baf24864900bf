using System.Text.Json;
using OrleansServe.LoadTester.Cli;
using OrleansServe.LoadTester.Simulating;

namespace OrleansServe.LoadTester.Tests;

/// <summary><c>LoadTester simulate</c>, the command the autoscaling issue names, runs the scaling simulator for real.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("simulate-").FullName;

    [Fact]
    public async Task SimulateWritesTheSummaryTheIssueAsksFor()
    {
        var workload = Path.Combine(_dir, "step.txt");
        await File.WriteAllTextAsync(workload, string.Join(' ', Enumerable.Repeat("5", 20).Concat(Enumerable.Repeat("80", 30)).Concat(Enumerable.Repeat("5", 20))));
        var outDir = Path.Combine(_dir, "out");

        var exit = await LoadTesterApp.MainAsync(["simulate", "--workload", workload, "--policy", "slo", "--out", outDir]);

        Assert.Equal(0, exit);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        foreach (var field in new[] { "p50Ms", "p99Ms", "over500ms", "coreSeconds", "scaleEvents" })
        {
            Assert.True(summary.RootElement.TryGetProperty(field, out _), $"summary.json has no {field}");
        }
        Assert.True(summary.RootElement.GetProperty("scaleEvents").GetInt32() > 0, "an 80 req/s step needs more than one replica");
    }

    [Fact]
    public void FindsTheSimulatorInTheSourceTreeAndKeepsTheBuildConfiguration()
    {
        Assert.NotNull(SimulateCommand.FindProject(AppContext.BaseDirectory));
        Assert.Null(SimulateCommand.FindProject(_dir));
        Assert.Equal("Release", SimulateCommand.Configuration("/r/tools/LoadTester/bin/Release/net10.0/linux-x64/"));
        Assert.Equal("Debug", SimulateCommand.Configuration("/r/tools/LoadTester/bin/Debug/net10.0/linux-x64/"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
