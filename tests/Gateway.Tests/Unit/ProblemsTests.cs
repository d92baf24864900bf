using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Tests.Unit;

public class ProblemsTests
{
    [Theory]
    [InlineData(InferenceErrorKind.BadInput, 400, false)]
    [InlineData(InferenceErrorKind.TooLarge, 413, false)]
    [InlineData(InferenceErrorKind.UnknownModel, 404, false)]
    [InlineData(InferenceErrorKind.ModelNotLoaded, 503, true)]
    [InlineData(InferenceErrorKind.Overloaded, 429, true)]
    [InlineData(InferenceErrorKind.DeadlineExceeded, 504, false)]
    [InlineData(InferenceErrorKind.Cancelled, 499, false)]
    [InlineData(InferenceErrorKind.ServerUnavailable, 503, true)]
    [InlineData(InferenceErrorKind.Draining, 503, true)]
    [InlineData(InferenceErrorKind.Internal, 500, false)]
    public void EveryKind_HasItsStatus_AndRetryAfterWhenRetriable(InferenceErrorKind kind, int status, bool retryAfter)
    {
        var context = new DefaultHttpContext();
        var problem = Problems.From(new InferenceException(kind, "why"), context);
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal("why", problem.ProblemDetails.Extensions["error"]);
        Assert.Equal(retryAfter, context.Response.Headers.RetryAfter.Count == 1);
    }

    [Fact]
    public void Overloaded_CanBe503() =>
        Assert.Equal(503, Problems.From(new InferenceException(InferenceErrorKind.Overloaded, "full"), new DefaultHttpContext(), overloadStatus: 503).StatusCode);

    [Fact]
    public void LostSilos_Are503() =>
        Assert.All(new Exception[] { new ServerUnavailableException("s/0", "gone"), new SiloUnavailableException() },
            e => Assert.Equal(503, Problems.From(e, new DefaultHttpContext()).StatusCode));

    [Fact]
    public void Cancellation_Is504_UnlessTheClientLeft()
    {
        Assert.Equal(504, Problems.From(new OperationCanceledException(), new DefaultHttpContext()).StatusCode);
        var aborted = new DefaultHttpContext();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        aborted.RequestAborted = cts.Token;
        Assert.Equal(499, Problems.From(new OperationCanceledException(), aborted).StatusCode);
    }

    [Fact]
    public void UnexpectedException_Is500_WithoutItsMessage()
    {
        var problem = Problems.From(new InvalidOperationException("secret internals"), new DefaultHttpContext());
        Assert.Equal(500, problem.StatusCode);
        Assert.DoesNotContain("secret", problem.ProblemDetails.Detail);
    }
}
