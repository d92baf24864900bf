using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansServe.Scaling.Tests.ScaleOut;

/// <summary>Keeps the in-process silo's log lines, to print with the test's output.</summary>
public sealed class LogLines : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && category != "Polly")
            {
                var error = exception is null ? "" : " " + exception.Message;
                owner.Lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}
