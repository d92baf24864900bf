namespace OrleansServe.Deployment.Tests;

/// <summary>The reflection that finds option sections sees the code's sections, and a wrong key or value fails.</summary>
public sealed class OptionSectionsTests
{
    [Theory]
    [InlineData("Cluster")]
    [InlineData("Silo")]
    [InlineData("Router")]
    [InlineData("Batching")]
    [InlineData("Models")]
    [InlineData("Engine")]
    [InlineData("Gateway")]
    [InlineData("Scaling")]
    public void FindsTheSectionsTheSiloBinds(string section) => Assert.Contains(section, OptionSections.Bound.Keys);

    [Fact]
    public void RenamedKeyFails()
    {
        var errors = OptionSections.Check(new Dictionary<string, string?> { ["Silo__HttpPorts"] = "8081", ["Clustr__Mode"] = "Redis" }, "test");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("HttpPorts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Clustr", StringComparison.Ordinal));
    }

    [Fact]
    public void ValueThatDoesNotConvertFails() =>
        Assert.Single(OptionSections.Check(new Dictionary<string, string?> { ["Cluster__Mode"] = "Zookeeper" }, "test"));

    [Fact]
    public void ImageEnvironmentBindsToOptionsTheCodeReads()
    {
        var dockerfile = Dockerfile.Load(DockerfileTests.Path);
        foreach (var stage in dockerfile.Stages)
        {
            var environment = stage.All("ENV")
                .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(pair => pair.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => (string?)p[1]);
            Assert.Empty(OptionSections.Check(environment, $"Dockerfile stage {stage.Name}"));
        }
    }
}
