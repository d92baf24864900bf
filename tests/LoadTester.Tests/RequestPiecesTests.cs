using System.Text;
using OrleansServe.LoadTester.Requests;
using OrleansServe.LoadTester.Running;

namespace OrleansServe.LoadTester.Tests;

public sealed class RequestPiecesTests
{
    [Fact]
    public void ModelMixFollowsItsWeights()
    {
        var mix = ModelMix.Parse("A=70, B=10,C=10,D=10");
        var picks = Enumerable.Range(0, 100_000).Select(i => mix.Models[mix.Pick(StableRandom.Unit(1, i, 1))])
            .GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count() / 100_000.0);

        Assert.Equal(["A", "B", "C", "D"], mix.Models);
        Assert.InRange(picks["A"], 0.69, 0.71);
        Assert.InRange(picks["D"], 0.095, 0.105);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("A=x")]
    [InlineData("A=0")]
    [InlineData("=5")]
    public void BadMixIsAnError(string text)
    {
        Assert.Throws<FormatException>(() => ModelMix.Parse(text));
    }

    [Fact]
    public void TokenRangeParsesAndStaysInside()
    {
        var range = TokenRange.Parse("50-400");

        Assert.Equal(new TokenRange(50, 400), range);
        Assert.Equal(new TokenRange(100, 100), TokenRange.Parse("100"));
        Assert.Equal(50, range.Pick(0));
        Assert.Equal(400, range.Pick(0.99999999));
        Assert.Throws<FormatException>(() => TokenRange.Parse("400-50"));
        Assert.Throws<FormatException>(() => TokenRange.Parse("a-b"));
    }

    [Fact]
    public void ResponseParserReadsServerAndTimings()
    {
        var body = """
            {"model":"resnet18","server":"silo-1/r0","predictions":[{"index":1,"label":"x","confidence":0.5}],
             "timings":{"queueMs":3.5,"inferenceMs":12,"totalMs":16,"batchSize":4,"retries":0}}
            """u8;

        ResponseBodyParser.Parse(body, out var server, out var queue, out var inference);

        Assert.Equal("silo-1/r0", server);
        Assert.Equal(3.5, queue);
        Assert.Equal(12, inference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"prediction\":\"golden retriever: 89.2%\"}")]
    [InlineData("{\"server\":")]
    public void ResponseParserToleratesOtherBodies(string text)
    {
        ResponseBodyParser.Parse(Encoding.UTF8.GetBytes(text), out var server, out var queue, out _);

        Assert.Null(server);
        Assert.True(double.IsNaN(queue));
    }

    [Theory]
    [InlineData("{\"type\":\"x\",\"title\":\"Service Unavailable\",\"status\":503,\"error\":\"queue full\"}", "queue full")]
    [InlineData("{\"type\":\"x\",\"title\":\"Not Found\",\"status\":404}", "Not Found")]
    [InlineData("{\"extensions\":{\"error\":\"nested\"},\"title\":\"Bad\"}", "Bad")]
    [InlineData("<html>", null)]
    public void ProblemTextPrefersTheErrorMember(string body, string? expected)
    {
        Assert.Equal(expected, ResponseBodyParser.ProblemText(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void MultipartBodyHoldsTheImageInFieldFile()
    {
        var body = Encoding.Latin1.GetString(BodyEncoding.Multipart([1, 2, 3], "a\"b.jpg").Bytes);

        Assert.StartsWith($"--{BodyEncoding.Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a_b.jpg\"", body);
        Assert.EndsWith($"\u0001\u0002\u0003\r\n--{BodyEncoding.Boundary}--\r\n", body);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("http://[::1]:80", true)]
    [InlineData("http://127.1.2.3", true)]
    [InlineData("http://10.0.0.5:5000", false)]
    [InlineData("http://example.com", false)]
    public void HostGuardAllowsOnlyLoopbackByDefault(string url, bool allowed)
    {
        if (allowed)
        {
            HostGuard.Check(url, []);
        }
        else
        {
            Assert.Contains("--allow-host", Assert.Throws<ArgumentException>(() => HostGuard.Check(url, [])).Message);
        }
    }

    [Fact]
    public void HostGuardAllowsNamedHostsAndRejectsOtherSchemes()
    {
        HostGuard.Check("http://gateway.internal:5000", ["gateway.internal"]);
        Assert.Throws<ArgumentException>(() => HostGuard.Check("ftp://127.0.0.1/", []));
        Assert.Throws<ArgumentException>(() => HostGuard.Check("127.0.0.1:5000", []));
    }
}
