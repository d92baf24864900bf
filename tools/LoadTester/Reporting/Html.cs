using System.Net;
using System.Text;

namespace OrleansServe.LoadTester.Reporting;

/// <summary>Small HTML helpers shared by the run and compare reports.</summary>
public static class Html
{
    /// <summary>The page head with a compact, print-friendly style.</summary>
    public static string Head(string title) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
        <style>
        body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1150px;color:#222}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .7rem;border-bottom:1px solid #eee;text-align:right}
        th:first-child,td:first-child{text-align:left}th{background:#f6f6f6}
        .big{display:flex;gap:1.2rem;flex-wrap:wrap}.big div{background:#f6f8fa;border-radius:6px;padding:.6rem 1rem}
        .big b{display:block;font-size:1.4rem}img{max-width:100%;border:1px solid #eee;margin:.5rem 0}
        .muted{color:#777;font-size:.9rem}
        </style></head><body>
        """;

    /// <summary>HTML-encodes text.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A table with a header row; cells are encoded.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder("<table><tr>");
        foreach (var h in header)
        {
            sb.Append("<th>").Append(Encode(h)).Append("</th>");
        }

        sb.Append("</tr>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append("<td>").Append(Encode(cell)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</table>").ToString();
    }

    /// <summary>An image embedded as a data URI, so the report is one self-contained file.</summary>
    public static string Image(string pngPath, string alt) =>
        $"<img alt=\"{Encode(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(pngPath))}\">";

    /// <summary>Milliseconds with one decimal, or a dash.</summary>
    public static string Ms(double? ms) => ms is { } v ? v.ToString("#,0.0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A share as a percentage, or a dash.</summary>
    public static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A number with two decimals.</summary>
    public static string Number(double value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
