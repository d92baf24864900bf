using System.Text;
using OrleansServe.LoadTester.Running;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Writes <c>requests.csv</c>: one row per request, times in milliseconds from the start.</summary>
public static class RequestsCsv
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "requests.csv";

    /// <summary>The header row.</summary>
    public const string Header = "index,scheduledMs,sentMs,latencyMs,status,server,model,queueMs,inferenceMs,error";

    /// <summary>Writes the records in send order.</summary>
    public static void Write(string path, IReadOnlyList<RequestRecord> records)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Header);
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            writer.Write(i.ToString(c));
            writer.Write(',');
            writer.Write(r.ScheduledMs.ToString("F3", c));
            writer.Write(',');
            writer.Write(r.SentMs.ToString("F3", c));
            writer.Write(',');
            writer.Write(r.LatencyMs.ToString("F3", c));
            writer.Write(',');
            writer.Write(r.Status.ToString(c));
            writer.Write(',');
            writer.Write(Field(r.Server));
            writer.Write(',');
            writer.Write(Field(r.Model));
            writer.Write(',');
            writer.Write(double.IsFinite(r.QueueMs) ? r.QueueMs.ToString("F3", c) : "");
            writer.Write(',');
            writer.Write(double.IsFinite(r.InferenceMs) ? r.InferenceMs.ToString("F3", c) : "");
            writer.Write(',');
            writer.WriteLine(Field(r.Error));
        }
    }

    // RFC 4180 quoting, only when needed: server and model names come from the gateway.
    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
}
