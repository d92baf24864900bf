using System.Text;
using OrleansServe.LoadTester.Reporting;

namespace OrleansServe.LoadTester.Comparing;

/// <summary>The one table of <c>compare</c>: a row per run, as cells, markdown or HTML.</summary>
public static class CompareTable
{
    /// <summary>Column headings.</summary>
    public static readonly string[] Header =
    [
        "run", "requests", "offered/s", "throughput/s", "success", "p50 ms", "p90 ms", "p99 ms", "max ms",
        "late sends", "SLO attainment", "core-s",
    ];

    /// <summary>The cells of each run's row.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(IReadOnlyList<ComparedRun> runs) => runs.Select(r =>
    {
        var s = r.Summary;
        return (IReadOnlyList<string>)
        [
            r.Label, s.Count.ToString("#,0", CultureInfo.InvariantCulture), Html.Number(s.OfferedRate), Html.Number(s.Throughput),
            Html.Percent(s.SuccessRate), Html.Ms(s.P50Ms), Html.Ms(s.P90Ms), Html.Ms(s.P99Ms), Html.Ms(s.MaxMs),
            s.LateSends.ToString(CultureInfo.InvariantCulture), Html.Percent(s.SloAttainment),
            s.Cluster is { } c ? Html.Number(c.CoreSeconds) : "–",
        ];
    });

    /// <summary>The table as GitHub markdown.</summary>
    public static string Markdown(IReadOnlyList<ComparedRun> runs)
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", Header).AppendLine(" |");
        sb.Append('|').AppendJoin("", Header.Select((_, i) => i == 0 ? "---|" : "---:|")).AppendLine();
        foreach (var row in Rows(runs))
        {
            sb.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|"))).AppendLine(" |");
        }

        return sb.ToString();
    }
}
