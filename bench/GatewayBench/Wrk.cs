using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansServe.GatewayBench;

/// <summary>Runs wrk (POST with a small JSON body) and reads its Requests/sec and non-2xx count.</summary>
public static partial class Wrk
{
    public static bool Available()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(5000);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>POSTs <paramref name="jsonBody"/>, or GETs when it is null.</summary>
    public static async Task<(double PerSecond, long Non2xx, string Output)> RunAsync(Uri url, string? jsonBody, int connections, int seconds)
    {
        var script = Path.Combine(Path.GetTempPath(), $"gatewaybench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, jsonBody is null ? "" : $"wrk.method = \"POST\"\nwrk.body = '{jsonBody}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "-s", script, url.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var rate = RequestsPerSecond().Match(output);
            var non2xx = Non2xx().Match(output);
            return (rate.Success ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
                non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
