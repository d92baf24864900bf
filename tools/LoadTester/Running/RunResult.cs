using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Running;

/// <summary>The outcome of a run: its summary, its records, and the report files written.</summary>
public sealed record RunResult(RunSummary Summary, IReadOnlyList<RequestRecord> Records, IReadOnlyList<string> Files);
