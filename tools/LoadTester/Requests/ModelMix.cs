namespace OrleansServe.LoadTester.Requests;

/// <summary>Weighted choice of model per request, parsed from <c>A=70,B=10,C=10,D=10</c>.</summary>
public sealed class ModelMix
{
    private readonly string[] _models;
    private readonly double[] _cumulative;

    private ModelMix(string[] models, double[] cumulative)
    {
        _models = models;
        _cumulative = cumulative;
    }

    /// <summary>Model names in the order given.</summary>
    public IReadOnlyList<string> Models => _models;

    /// <summary>A mix that always picks <paramref name="model"/>.</summary>
    public static ModelMix Single(string model) => new([model], [1.0]);

    /// <summary>Parses <c>NAME=WEIGHT,…</c>; weights are relative (need not sum to 100).</summary>
    /// <exception cref="FormatException">Empty mix, missing '=', or a weight that is not a positive number.</exception>
    public static ModelMix Parse(string text)
    {
        var models = new List<string>();
        var weights = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                || !double.IsFinite(w) || w <= 0)
            {
                throw new FormatException($"--mix: '{part}' is not NAME=WEIGHT with a positive weight");
            }

            models.Add(part[..eq].Trim());
            weights.Add(w);
        }

        if (models.Count == 0)
        {
            throw new FormatException("--mix: no models given (expected e.g. A=70,B=10,C=10,D=10)");
        }

        var total = weights.Sum();
        var cumulative = new double[weights.Count];
        double running = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1.0;
        return new ModelMix([.. models], cumulative);
    }

    /// <summary>The model for a uniform draw <paramref name="unit"/> in [0, 1).</summary>
    public int Pick(double unit)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (unit < _cumulative[i])
            {
                return i;
            }
        }

        return _cumulative.Length - 1;
    }
}
