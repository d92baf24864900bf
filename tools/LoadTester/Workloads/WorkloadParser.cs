namespace OrleansServe.LoadTester.Workloads;

/// <summary>
/// Reads workload files: requests per second, one number per second, separated by spaces, commas,
/// semicolons, tabs or newlines. Blank lines are skipped; <c>#</c> starts a comment.
/// </summary>
public static class WorkloadParser
{
    private static readonly char[] Separators = [' ', ',', ';', '\t', '\r'];

    /// <summary>Reads and parses a workload file.</summary>
    /// <exception cref="WorkloadFormatException">The file is missing, empty, or holds a token that is not a rate.</exception>
    public static Workload ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new WorkloadFormatException($"workload file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Parses workload text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="WorkloadFormatException">The text is empty or holds a token that is not a rate.</exception>
    public static Workload Parse(string text, string source = "workload")
    {
        var rates = new List<double>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = lines[i];
            var comment = content.IndexOf('#');
            if (comment >= 0)
            {
                content = content[..comment];
            }

            foreach (var token in content.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                    || !double.IsFinite(rate) || rate < 0)
                {
                    throw new WorkloadFormatException(
                        $"{source}, line {i + 1}: '{token}' is not a request rate (expected a number >= 0)", i + 1);
                }

                rates.Add(rate);
            }
        }

        if (rates.Count == 0)
        {
            throw new WorkloadFormatException($"{source} holds no request rates");
        }

        return new Workload(rates, source);
    }
}
