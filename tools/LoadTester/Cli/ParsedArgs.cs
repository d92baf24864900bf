namespace OrleansServe.LoadTester.Cli;

/// <summary>
/// A command line split into options (<c>--name value</c> or <c>--name=value</c>), flags and
/// positional arguments, checked against the options a command knows.
/// </summary>
public sealed class ParsedArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Arguments that are not options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses <paramref name="args"/>; unknown options are errors.</summary>
    /// <exception cref="UsageException">Unknown option, or an option without its value.</exception>
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var parsed = new ParsedArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                parsed._flags.Add("help");
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flags.Contains(name) && eq < 0)
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..]
                    : i + 1 < args.Count ? args[++i]
                    : throw new UsageException($"--{name} needs a value");
                if (!parsed._values.TryGetValue(name, out var list))
                {
                    parsed._values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new UsageException($"unknown option '{arg}' (see --help)");
            }
        }

        return parsed;
    }

    /// <summary>True when the flag was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The last value of an option, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Every value of a repeatable option, commas splitting further.</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v)
        ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
        : [];

    /// <summary>A number option, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="UsageException">Not a number in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public double? GetDouble(string name, double? fallback = null, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new UsageException($"--{name}: '{text}' is not a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A whole-number option, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="UsageException">Not an integer in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public int? GetInt(string name, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new UsageException($"--{name}: '{text}' is not a whole number between {min} and {max}");
    }
}
