using OrleansServe.LoadTester.Workloads;

namespace OrleansServe.LoadTester.Tests;

public sealed class WorkloadParserTests
{
    [Theory]
    [InlineData("1 2 3 4")]
    [InlineData("1,2,3,4")]
    [InlineData("1, 2 ,3,  4")]
    [InlineData("1\n2\n3\n4\n")]
    [InlineData("1\r\n2\r\n\r\n3\r\n4")]
    [InlineData("\n\n1 2\n\n   \n3,4\n\n")]
    [InlineData("1\t2;3 4")]
    [InlineData("# rates per second\n1 2 # first two\n3 4")]
    public void AcceptsEverySeparatorAndSkipsBlankLines(string text)
    {
        var workload = WorkloadParser.Parse(text);

        Assert.Equal([1.0, 2.0, 3.0, 4.0], workload.Rates);
        Assert.Equal(4, workload.DurationSeconds);
    }

    [Fact]
    public void AcceptsDecimalRates()
    {
        Assert.Equal([0.5, 2.25, 10.0], WorkloadParser.Parse("0.5 2.25 1e1").Rates);
    }

    [Theory]
    [InlineData("1 2\n3 abc 4", 2, "abc")]
    [InlineData("\n\n5,-1", 3, "-1")]
    [InlineData("1\n2\n3\n4\nNaN", 5, "NaN")]
    [InlineData("7 7 7x", 1, "7x")]
    public void BadTokenErrorNamesTheLineAndToken(string text, int line, string token)
    {
        var error = Assert.Throws<WorkloadFormatException>(() => WorkloadParser.Parse(text, "trace.txt"));

        Assert.Equal(line, error.Line);
        Assert.Contains($"line {line}", error.Message);
        Assert.Contains($"'{token}'", error.Message);
        Assert.Contains("trace.txt", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n \n,,\n")]
    [InlineData("# only a comment")]
    public void EmptyWorkloadIsAnError(string text)
    {
        Assert.Contains("no request rates", Assert.Throws<WorkloadFormatException>(() => WorkloadParser.Parse(text)).Message);
    }

    [Fact]
    public void MissingFileIsAnErrorNamingIt()
    {
        Assert.Contains("nope.txt", Assert.Throws<WorkloadFormatException>(() => WorkloadParser.ParseFile("/tmp/nope.txt")).Message);
    }

    [Fact]
    public void TheCoursePresetsReadTheRepositorysWorkloads()
    {
        var path = SharedPaths.Workload("course-b");

        Assert.NotNull(path);
        var workload = WorkloadParser.ParseFile(path);
        Assert.True(workload.DurationSeconds > 60);
        Assert.Equal(workload.Rates, WorkloadPresets.Resolve("course-b").Rates);
    }

    [Fact]
    public void ImageRunsFindJpegsByDefaultWithOrWithoutTheSharedFolder()
    {
        var images = SharedPaths.DefaultImages();

        Assert.NotNull(images); // ../shared's samples beside the repository, else the repository's tests/images
        Assert.NotEmpty(Directory.GetFiles(images, "*.JPEG"));
    }

    [Fact]
    public void BuiltInPresetsMatchTheirShapes()
    {
        Assert.Equal(150, WorkloadPresets.Resolve("ramp").DurationSeconds);
        Assert.Equal(50, WorkloadPresets.Resolve("spike").Rates[30]);
        Assert.All(WorkloadPresets.Resolve("sustained").Rates, r => Assert.Equal(10, r));
        Assert.Throws<WorkloadFormatException>(() => WorkloadPresets.Resolve("nope"));
    }

    [Fact]
    public void DurationCutsOrRepeatsTheWorkload()
    {
        var workload = WorkloadParser.Parse("1 2 3");

        Assert.Equal([1.0, 2.0], workload.WithDuration(2).Rates);
        Assert.Equal([1.0, 2.0, 3.0, 1.0, 2.0], workload.WithDuration(5).Rates);
    }
}
