using System.Runtime.InteropServices;

namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>
/// Process CPU priority on Linux, where the nice value belongs to each thread: a process is started under
/// <c>nice</c> (its threads inherit it) and restored thread by thread.
/// </summary>
internal static partial class PosixPriority
{
    private const int PrioProcess = 0;

    /// <summary>Whether this process may start a child below normal priority and later restore it (lowering a nice value needs privilege).</summary>
    public static bool CanRestore => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && File.Exists("/usr/bin/nice");

    /// <summary>Sets every thread of <paramref name="pid"/> to <paramref name="nice"/>; false when some could not be set.</summary>
    public static bool SetNice(int pid, int nice)
    {
        var ok = true;
        // Twice: a thread started while the first pass ran inherits its creator's old value.
        for (var pass = 0; pass < 2; pass++)
        {
            string[] threads;
            try
            {
                threads = Directory.GetDirectories($"/proc/{pid}/task");
            }
            catch (IOException)
            {
                return false;
            }
            foreach (var thread in threads)
            {
                if (int.TryParse(Path.GetFileName(thread), out var tid) && setpriority(PrioProcess, tid, nice) != 0 && Directory.Exists(thread))
                {
                    ok = false;
                }
            }
        }
        return ok;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);
}
