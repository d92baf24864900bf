namespace OrleansServe.GatewayBench;

/// <summary>The CPU's model and its vector flags from /proc/cpuinfo, so a run says what it ran on.</summary>
public static class CpuFlags
{
    private static readonly string[] Interesting = ["avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_tile"];

    public static string Describe()
    {
        try
        {
            var lines = File.ReadLines("/proc/cpuinfo").Take(64).ToList();
            var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
            var flags = lines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(':', 2)[1].Split(' ') ?? [];
            return $"{model}; {string.Join(' ', Interesting.Where(flags.Contains))}";
        }
        catch (IOException)
        {
            return "CPU flags unknown";
        }
    }
}
