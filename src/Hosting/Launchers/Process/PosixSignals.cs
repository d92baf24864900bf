using System.Runtime.InteropServices;

namespace OrleansServe.Hosting.Launchers.Process;

/// <summary>SIGTERM for a graceful stop (.NET's <c>Process.Kill</c> only sends SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => OperatingSystem.IsWindows() ? false : kill(pid, SigTerm) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
