using System.Diagnostics;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>A child process the tests own: its output kept (bounded) for failure messages, and its whole tree killed on dispose.</summary>
public sealed class ManagedProcess : IDisposable
{
    private const int KeptLines = 400;
    private readonly System.Diagnostics.Process _process;
    private readonly Queue<string> _output = new();

    private ManagedProcess(string name, System.Diagnostics.Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (137 after SIGKILL, 0 after a clean stop), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var managed = new ManagedProcess(name, new System.Diagnostics.Process { StartInfo = info });
        managed._process.OutputDataReceived += (_, e) => managed.Keep(e.Data);
        managed._process.ErrorDataReceived += (_, e) => managed.Keep(e.Data);
        managed._process.Start();
        managed._process.BeginOutputReadLine();
        managed._process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>The last lines the process wrote.</summary>
    public string Output()
    {
        lock (_output)
        {
            return $"--- {Name} (pid {SafeId()}) ---\n" + string.Join("\n", _output);
        }
    }

    /// <summary>The exit code, once the process has ended; killed (and <see cref="TimeoutException"/>) after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        if (!await WaitForExitAsync(timeout))
        {
            Kill();
            throw new TimeoutException($"{Name} did not exit within {timeout}.\n{Output()}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM to the process: the graceful stop a supervisor asks for (.NET's <c>Process.Kill</c> only sends SIGKILL).</summary>
    public void Terminate()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to the process and its children.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string SafeId()
    {
        try { return _process.Id.ToString(); } catch (InvalidOperationException) { return "?"; }
    }
}
