using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Running;

/// <summary>The outcome of a run: its summary, its records, the report files written, and the clock its times refer to.</summary>
public sealed record RunResult(RunSummary Summary, IReadOnlyList<RequestRecord> Records, IReadOnlyList<string> Files, RunClock Clock);
