using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Reads and writes <c>summary.json</c> (camelCase, indented, nulls omitted).</summary>
public static class SummaryJson
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The serializer settings of the file.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes <paramref name="summary"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, RunSummary summary) =>
        File.WriteAllText(path, JsonSerializer.Serialize(summary, Options));

    /// <summary>Reads a summary back.</summary>
    /// <exception cref="InvalidDataException">The file is not a summary.</exception>
    public static RunSummary Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a load-test summary: {e.Message}", e);
        }
    }
}
