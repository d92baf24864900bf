using OrleansServe.Engine;
using OrleansServe.Engine.Onnx;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// A quantized (QDQ) graph runs unfused on an x86-64 CPU without VNNI, where ONNX Runtime's fused u8s8 kernels
/// saturate, and fused where they are exact. The CPU is injected, so each case runs on any machine.
/// </summary>
public sealed class Int8KernelTests
{
    private static readonly CpuInt8Support WithoutVnni = new(false, "x86-64 CPU without VNNI (AVX2)");
    private static readonly CpuInt8Support WithVnni = new(true, "x86-64 CPU with avx512_vnni");

    [Fact]
    public void TheShippedMobileNetIsAQdqGraph()
    {
        var operators = OnnxFileReader.Operators(Path.Combine(RepoPaths.Models, "mobilenetv2-int8.onnx"));

        Assert.Contains("QuantizeLinear", operators);
        Assert.Contains("DequantizeLinear", operators);
        Assert.Contains("Conv", operators);
    }

    [Theory]
    [InlineData("Auto", false, Int8Kernels.Unfused)]
    [InlineData("Auto", true, Int8Kernels.Fused)]
    [InlineData("Fused", false, Int8Kernels.Fused)]
    [InlineData("Unfused", true, Int8Kernels.Unfused)]
    public async Task TheEngineChoosesByCpuAndSettingAndTheModelStillClassifies(string setting, bool vnni, Int8Kernels expected)
    {
        using var models = new ModelFolder().MobileNet();
        using var host = new EngineHost(models.Path, vnni ? WithVnni : WithoutVnni, ("Engine:Int8Kernels", setting));
        await host.Engine.LoadAsync("mobilenet", "test");

        var choice = host.Engine.Int8Choice("mobilenet");
        Assert.NotNull(choice);
        Assert.Equal(expected, choice.Kernels);
        Assert.True(choice.Quantized);
        if (setting == "Auto" && !vnni)
        {
            Assert.Contains("saturate", choice.Reason, StringComparison.Ordinal);
        }
        var result = await host.Engine.RunAsync(Requests.Image("mobilenet", TestImages.Tench(), topK: 1));
        Assert.Equal("tench", result.Predictions[0].Label);
    }

    [Fact]
    public void AGraphWithoutQdqPairsRunsFusedWhateverTheCpu()
    {
        var file = Path.GetTempFileName();
        try
        {
            using (var stream = File.Create(file))
            {
                SeededResNet18.Write(stream);
            }
            var operators = OnnxFileReader.Operators(file);
            var choice = Int8KernelChoice.For(Int8Kernels.Auto, operators, WithoutVnni);

            Assert.Contains("Conv", operators);
            Assert.False(choice.Quantized);
            Assert.Equal(Int8Kernels.Fused, choice.Kernels);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
