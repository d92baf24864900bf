using OrleansServe.LoadTester.Cli;
using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Running;
using OrleansServe.LoadTester.Scheduling;

namespace OrleansServe.LoadTester.Tests.Fakes;

/// <summary>Short constant-rate runs against a fake gateway.</summary>
public static class Runs
{
    /// <summary>Runs <paramref name="rate"/> req/s for <paramref name="seconds"/> s into a new temp folder.</summary>
    public static Task<RunResult> ConstantAsync(FakeGateway gateway, TestImages images, double rate, int seconds,
        ArrivalProcess arrivals = ArrivalProcess.Uniform, double? sloMs = null, int? concurrency = null) =>
        LoadTestRun.ExecuteAsync(new RunOptions
        {
            Url = gateway.Url,
            ImagesDir = images.Path,
            Rate = concurrency is null ? rate : null,
            DurationS = seconds,
            Concurrency = concurrency,
            Arrivals = arrivals,
            Mix = ModelMix.Single("resnet18"),
            SloMs = sloMs,
            OutDir = TempDir.New("run"),
            Progress = false,
        }, CancellationToken.None);
}
