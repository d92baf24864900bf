using OrleansServe.LoadTester.Cli;
using OrleansServe.LoadTester.Comparing;
using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Scheduling;

namespace OrleansServe.LoadTester.Tests;

public sealed class CommandLineTests
{
    private static RunOptions Parse(params string[] args) =>
        RunOptionsParser.Parse(ParsedArgs.Parse(args, RunOptionsParser.ValueOptions, RunOptionsParser.Flags));

    [Fact]
    public void ParsesEveryRunOption()
    {
        var o = Parse("--url", "http://127.0.0.1:5000", "--workload=w.txt", "--images", "img", "--scale", "0.5", "--duration", "60",
            "--arrivals", "uniform", "--style", "tokens", "--mix", "A=1,B=3", "--tokens", "10-20", "--slo-ms", "500", "--out", "o",
            "--seed", "9", "--allow-host", "a,b", "--allow-host", "c", "--timeout-s", "5", "--max-connections", "64", "--late-ms", "2",
            "--no-progress");

        Assert.Equal("http://127.0.0.1:5000", o.Url);
        Assert.Equal("w.txt", o.WorkloadFile);
        Assert.Equal(0.5, o.Scale);
        Assert.Equal(60, o.DurationS);
        Assert.Equal(ArrivalProcess.Uniform, o.Arrivals);
        Assert.Equal(RequestStyle.Tokens, o.Style);
        Assert.Equal(["A", "B"], o.Mix.Models);
        Assert.Equal(new TokenRange(10, 20), o.Tokens);
        Assert.Equal(500, o.SloMs);
        Assert.Equal(9, o.Seed);
        Assert.Equal(["a", "b", "c"], o.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(5), o.Timeout);
        Assert.Equal(64, o.MaxConnections);
        Assert.False(o.Progress);
    }

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var o = Parse("--url", "http://localhost:1");

        Assert.Equal(RequestStyle.V2, o.Style);
        Assert.Equal(["resnet18"], o.Mix.Models);
        Assert.Equal(ArrivalProcess.Poisson, o.Arrivals);
        Assert.Equal(1, o.Seed);
        Assert.Equal(["A", "B", "C", "D"], Parse("--url", "http://localhost:1", "--style", "tokens").Mix.Models);
    }

    [Theory]
    [InlineData("--url", "http://127.0.0.1:1", "--bogus", "1")]
    [InlineData("--url", "http://127.0.0.1:1", "--style", "grpc")]
    [InlineData("--url", "http://127.0.0.1:1", "--arrivals", "1")]
    [InlineData("--url", "http://127.0.0.1:1", "--scale", "-1")]
    [InlineData("--url", "http://127.0.0.1:1", "--duration", "0")]
    [InlineData("--url", "http://127.0.0.1:1", "--preset", "tsunami")]
    [InlineData("--url", "http://127.0.0.1:1", "--mix", "A")]
    [InlineData("--url")]
    [InlineData("--workload", "w.txt")]
    public void BadCommandLinesAreUsageErrors(params string[] args)
    {
        Assert.Throws<UsageException>(() => Parse(args));
    }

    [Fact]
    public async Task BadCommandLineExitsWithTwoAndNonLoopbackWithOne()
    {
        Assert.Equal(2, await LoadTesterApp.MainAsync(["run", "--url", "http://127.0.0.1:1", "--nope"]));
        Assert.Equal(2, await LoadTesterApp.MainAsync(["frobnicate"]));
        Assert.Equal(1, await LoadTesterApp.MainAsync(["run", "--url", "http://192.0.2.1:1", "--rate", "1", "--duration", "1", "--no-progress"]));
        Assert.Equal(0, await LoadTesterApp.MainAsync(["--help"]));
    }

    [Fact]
    public void HelpDocumentsEveryOption()
    {
        foreach (var option in RunOptionsParser.ValueOptions.Concat(RunOptionsParser.Flags).Concat(CompareSettings.ValueOptions))
        {
            Assert.Contains($"--{option}", HelpText.Usage);
        }
    }

    [Fact]
    public void CompareTakesRunFoldersAndLabels()
    {
        var s = CompareSettings.Parse(ParsedArgs.Parse(["runs/hpa70/", "runs/slo", "--out", "cmp"], CompareSettings.ValueOptions, []));

        Assert.Equal(["hpa70", "slo"], s.Labels);
        Assert.Equal("cmp", s.OutDir);
        Assert.Throws<UsageException>(() => CompareSettings.Parse(ParsedArgs.Parse(["a", "--labels", "x,y"], CompareSettings.ValueOptions, [])));
    }
}
