namespace OrleansServe.Engine.Onnx;

/// <summary>The engine's choice for one ONNX graph: whether ONNX Runtime may fuse its QDQ pairs, and why.</summary>
/// <param name="Kernels"><see cref="Int8Kernels.Fused"/> or <see cref="Int8Kernels.Unfused"/>.</param>
/// <param name="Quantized">Whether the graph has QuantizeLinear/DequantizeLinear nodes at all.</param>
/// <param name="Reason">Why, in words for the log.</param>
internal sealed record Int8KernelChoice(Int8Kernels Kernels, bool Quantized, string Reason)
{
    private static readonly string[] QdqOperators = ["QuantizeLinear", "DequantizeLinear"];

    /// <summary>Decides for a graph with <paramref name="operators"/> under <paramref name="setting"/> on <paramref name="cpu"/>.</summary>
    public static Int8KernelChoice For(Int8Kernels setting, IReadOnlySet<string> operators, CpuInt8Support cpu)
    {
        var quantized = QdqOperators.Any(operators.Contains);
        return setting switch
        {
            Int8Kernels.Fused => new(Int8Kernels.Fused, quantized, "Engine:Int8Kernels is Fused"),
            Int8Kernels.Unfused => new(Int8Kernels.Unfused, quantized, "Engine:Int8Kernels is Unfused"),
            _ when !quantized => new(Int8Kernels.Fused, quantized, "not a QDQ graph"),
            _ when cpu.Exact => new(Int8Kernels.Fused, quantized, $"{cpu.Description}, where fused int8 kernels are exact"),
            _ => new(Int8Kernels.Unfused, quantized,
                $"{cpu.Description}, where fused u8s8 kernels saturate (9 points of top-1 lost on MobileNetV2-int8), so its QDQ pairs stay unfused (Engine:Int8Kernels=Fused for speed over accuracy)"),
        };
    }
}
