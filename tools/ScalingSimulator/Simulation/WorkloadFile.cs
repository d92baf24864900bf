using System.Globalization;

namespace OrleansServe.ScalingSimulator.Simulation;

/// <summary>A workload: requests per second, one number per second, separated by whitespace or newlines.</summary>
public static class WorkloadFile
{
    public static IReadOnlyList<double> Read(string path)
    {
        var values = ParseNumbers(File.ReadAllText(path));
        return values.Count > 0 ? values : throw new InvalidDataException($"{path} holds no numbers.");
    }

    public static List<double> ParseNumbers(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToList();
}
