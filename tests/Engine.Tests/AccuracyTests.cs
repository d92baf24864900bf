using OrleansServe.Engine;
using Xunit.Abstractions;
using OrleansServe.Engine.Onnx;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// The whole image pipeline against a real ImageNet classifier: below 81 % top-1 something is wrong. It holds on
/// whatever CPU runs it (the engine's own choice of int8 kernels here), and on the path a CPU without VNNI gets.
/// </summary>
public sealed class AccuracyTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("this CPU")]
    [InlineData("a CPU without VNNI")]
    public async Task MobileNetTop1OnTheSharedSamplesIsAtLeast81Percent(string cpu)
    {
        Prerequisites.SharedSamples();
        using var models = new ModelFolder().MobileNet();
        using var host = new EngineHost(models.Path, cpu == "this CPU" ? null : new CpuInt8Support(false, "x86-64 CPU without VNNI (AVX2)"));
        await host.Engine.LoadAsync("mobilenet", "test");
        var samples = TestImages.Labelled();
        Assert.Equal(200, samples.Count);

        var results = await Task.WhenAll(samples.Select(s =>
            host.Engine.RunAsync(Requests.Image("mobilenet", TestImages.Sample(s.File), topK: 1))));

        var correct = samples.Zip(results).Count(p => p.Second.Predictions[0].Index == p.First.ClassIndex);
        output.WriteLine($"{CpuInt8Support.Detect().Description}, engine told {cpu}: QDQ pairs {host.Engine.Int8Choice("mobilenet")!.Kernels}, " +
            $"top-1 {correct}/200, batch sizes {string.Join(" ", results.Select(r => r.Timings.BatchSize).Distinct().Order())}");
        Assert.True(correct >= 162, $"top-1 {correct}/200");
        Assert.Contains(results, r => r.Timings.BatchSize > 1);
    }
}
