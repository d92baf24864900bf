using System.Diagnostics;
using OrleansServe.Hosting.Launchers.Process;

namespace OrleansServe.Scaling.Tests;

/// <summary>A silo started under <c>nice</c> gets every thread back to normal priority once it is healthy.</summary>
public sealed class PosixPriorityTests
{
    [Fact]
    public void EveryThreadOfANicedProcessIsRestored()
    {
        Assert.Equal(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess, PosixPriority.CanRestore);
        if (!PosixPriority.CanRestore)
        {
            return; // lowering a nice value needs root: the launcher does not nice then either
        }

        var start = new ProcessStartInfo("/usr/bin/nice");
        foreach (var argument in new[] { "-n", "10", "sleep", "30" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            Assert.True(SpinWait.SpinUntil(() => Niceness(process.Id).All(n => n == 10), TimeSpan.FromSeconds(5))); // once nice has exec'd sleep

            Assert.True(PosixPriority.SetNice(process.Id, 0));

            Assert.All(Niceness(process.Id), n => Assert.Equal(0, n));
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>The nice value of each thread (field 19 of /proc/PID/task/TID/stat, after the command's closing parenthesis).</summary>
    private static List<int> Niceness(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .Select(t => File.ReadAllText(Path.Combine(t, "stat")))
            .Select(stat => int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
