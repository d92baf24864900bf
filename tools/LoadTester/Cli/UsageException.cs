namespace OrleansServe.LoadTester.Cli;

/// <summary>A command line that cannot be run; the message says what to fix.</summary>
public sealed class UsageException(string message) : Exception(message);
