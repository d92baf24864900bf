namespace OrleansServe.LoadTester.Tests.Fakes;

/// <summary>Fresh temporary folder names for test output.</summary>
public static class TempDir
{
    /// <summary>A new, not yet created folder path under the system temp folder.</summary>
    public static string New(string prefix) =>
        Path.Combine(Path.GetTempPath(), "loadtester-tests", $"{prefix}-{Guid.NewGuid():N}");
}
