using OrleansServe.LoadTester.Analysis;

namespace OrleansServe.LoadTester.Comparing;

/// <summary>One run in a comparison: its label and its summary.</summary>
public sealed record ComparedRun(string Label, RunSummary Summary);
