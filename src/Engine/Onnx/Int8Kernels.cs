namespace OrleansServe.Engine.Onnx;

/// <summary>How a quantized (QDQ) graph runs (<c>Engine:Int8Kernels</c>).</summary>
public enum Int8Kernels
{
    /// <summary>Fused where the CPU runs int8 kernels exactly (VNNI, AMX, Arm), unfused elsewhere. The default.</summary>
    Auto,

    /// <summary>QuantizeLinear/DequantizeLinear pairs fused into int8 kernels: fastest, but saturates on x86-64 without VNNI.</summary>
    Fused,

    /// <summary>The pairs kept as written (float compute between them): the accuracy the graph defines on any CPU.</summary>
    Unfused,
}
