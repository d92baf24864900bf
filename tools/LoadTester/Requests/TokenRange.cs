namespace OrleansServe.LoadTester.Requests;

/// <summary>Inclusive range of token counts for <c>--style tokens</c>, parsed from <c>50-400</c> or <c>100</c>.</summary>
public sealed record TokenRange(int Min, int Max)
{
    /// <summary>Parses <c>MIN-MAX</c> or a single count.</summary>
    /// <exception cref="FormatException">Not one or two positive integers with MIN ≤ MAX.</exception>
    public static TokenRange Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && min > 0 && min <= max)
        {
            return new TokenRange(min, max);
        }

        throw new FormatException($"--tokens: '{text}' is not MIN-MAX (positive integers, MIN <= MAX) or a single count");
    }

    /// <summary>The count for a uniform draw <paramref name="unit"/> in [0, 1).</summary>
    public int Pick(double unit) => Min + Math.Min(Max - Min, (int)(unit * (Max - Min + 1)));
}
