namespace OrleansServe.Engine.Onnx;

/// <summary>SplitMix64: a tiny deterministic generator, so a seeded graph is byte-identical on every machine and runtime.</summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Uniform in [-1, 1).</summary>
    public float NextSigned()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) / (float)(1UL << 23) - 1f;
    }

    public float[] Uniform(int count, float limit)
    {
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = NextSigned() * limit;
        }
        return values;
    }
}
