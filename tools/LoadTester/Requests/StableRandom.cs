namespace OrleansServe.LoadTester.Requests;

/// <summary>
/// Stateless random numbers keyed by (seed, request index): thread-safe, allocation-free, and the
/// same request gets the same image/model/tokens in every run with the same seed.
/// </summary>
public static class StableRandom
{
    /// <summary>A number in [0, 1) for request <paramref name="index"/>; <paramref name="salt"/> separates uses.</summary>
    public static double Unit(int seed, long index, int salt)
    {
        // SplitMix64 finaliser: a good avalanche from consecutive inputs.
        var z = unchecked((ulong)index * 0x9E3779B97F4A7C15UL + (ulong)seed * 0xBF58476D1CE4E5B9UL + (ulong)salt);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    public static int Below(int seed, long index, int salt, int count) =>
        Math.Min(count - 1, (int)(Unit(seed, index, salt) * count));
}
