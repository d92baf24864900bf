using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansServe.Gateway.Tests.Process;

/// <summary>Runs a class's tests in name order, for tests that share a cluster and end by killing part of it.</summary>
public sealed class ByNameOrderer : ITestCaseOrderer
{
    public const string TypeName = "OrleansServe.Gateway.Tests.Process.ByNameOrderer";
    public const string AssemblyName = "OrleansServe.Gateway.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
