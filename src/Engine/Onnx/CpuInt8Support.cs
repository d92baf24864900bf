using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace OrleansServe.Engine.Onnx;

/// <summary>
/// Whether this CPU runs ONNX Runtime's fused int8 (u8s8) kernels exactly. On x86-64 without a VNNI dot-product
/// instruction those kernels sum pairs of u8×s8 products in 16 bits, which saturates: MobileNetV2-int8 lost 9
/// points of top-1 on an AVX2-only CPU. VNNI (AVX-512 VNNI, AVX-VNNI) and AMX accumulate in 32 bits; Arm's
/// dot-product kernels do too.
/// </summary>
/// <param name="Exact">True when fused int8 kernels do not saturate here.</param>
/// <param name="Description">What decided it, for the log: the CPU flag found, or why none is needed.</param>
internal sealed record CpuInt8Support(bool Exact, string Description)
{
    private static readonly string[] DotProductFlags = ["avx512_vnni", "avx_vnni", "amx_int8"];

    /// <summary>Reads this machine's CPU: <c>/proc/cpuinfo</c> flags on Linux, the runtime's AVX-VNNI flag elsewhere.</summary>
    public static CpuInt8Support Detect()
    {
        if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86))
        {
            return new(true, $"{RuntimeInformation.ProcessArchitecture} CPU (no saturating u8s8 kernels)");
        }
        var flags = CpuFlags();
        if (DotProductFlags.FirstOrDefault(flags.Contains) is { } flag)
        {
            return new(true, $"x86-64 CPU with {flag}");
        }
        return AvxVnni.IsSupported
            ? new(true, "x86-64 CPU with avx_vnni")
            : new(false, $"x86-64 CPU without VNNI ({(Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "no AVX2")})");
    }

    private static HashSet<string> CpuFlags()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line is null ? [] : [.. line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
