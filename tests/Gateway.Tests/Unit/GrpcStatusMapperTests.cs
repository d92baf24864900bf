using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansServe.Gateway.Errors;
using OrleansServe.Gateway.Hosting;

namespace OrleansServe.Gateway.Tests.Unit;

/// <summary>Every failure REST maps to ProblemDetails gets its gRPC status from the same table, with retry info where REST sends Retry-After.</summary>
public class GrpcStatusMapperTests
{
    [Theory]
    [InlineData(InferenceErrorKind.BadInput, StatusCode.InvalidArgument, false)]
    [InlineData(InferenceErrorKind.TooLarge, StatusCode.InvalidArgument, false)]
    [InlineData(InferenceErrorKind.UnknownModel, StatusCode.NotFound, false)]
    [InlineData(InferenceErrorKind.ModelNotLoaded, StatusCode.Unavailable, true)]
    [InlineData(InferenceErrorKind.Overloaded, StatusCode.ResourceExhausted, true)]
    [InlineData(InferenceErrorKind.DeadlineExceeded, StatusCode.DeadlineExceeded, false)]
    [InlineData(InferenceErrorKind.Cancelled, StatusCode.Cancelled, false)]
    [InlineData(InferenceErrorKind.ServerUnavailable, StatusCode.Unavailable, true)]
    [InlineData(InferenceErrorKind.Draining, StatusCode.Unavailable, true)]
    [InlineData(InferenceErrorKind.Internal, StatusCode.Internal, false)]
    public void EveryKind_HasItsCode_AndRetryInfoWhenRetriable(InferenceErrorKind kind, StatusCode code, bool retryInfo)
    {
        var e = Mapper(overloadStatus: 429, retryAfterSeconds: 2).Map(new InferenceError(kind, "why"), new FakeCall());
        Assert.Equal(code, e.StatusCode);
        Assert.Equal("why", e.Status.Detail);
        var status = e.GetRpcStatus()!;
        Assert.Equal((int)code, status.Code);
        Assert.Equal(retryInfo ? TimeSpan.FromSeconds(2) : null, status.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan());
        Assert.Equal(retryInfo ? "2" : null, e.Trailers.GetValue(GrpcStatusMapper.RetryAfterTrailer));
    }

    [Fact]
    public void Overloaded_IsUnavailable_WhenTheGatewayShedsWith503() =>
        Assert.Equal(StatusCode.Unavailable, Mapper(overloadStatus: 503, retryAfterSeconds: 1)
            .Map(new InferenceError(InferenceErrorKind.Overloaded, "full"), new FakeCall()).StatusCode);

    [Fact]
    public void GatewayRefusals_AndTransportFailures_MapByTheRestTable()
    {
        var mapper = Mapper(429, 1);
        Assert.Equal(StatusCode.InvalidArgument, mapper.Map(HttpProblemException.BadRequest("bad"), new FakeCall()).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, mapper.Map(HttpProblemException.TooLarge("big"), new FakeCall()).StatusCode);
        Assert.Equal(StatusCode.NotFound, mapper.Map(HttpProblemException.NotFound("who"), new FakeCall()).StatusCode);
        Assert.Equal(StatusCode.Unavailable, mapper.Map(new Orleans.Runtime.SiloUnavailableException(), new FakeCall()).StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, mapper.Map(new TimeoutException(), new FakeCall()).StatusCode);
        Assert.Equal(StatusCode.Internal, mapper.Map(new InvalidOperationException("secret internals"), new FakeCall()).StatusCode);
        Assert.DoesNotContain("secret", mapper.Map(new InvalidOperationException("secret internals"), new FakeCall()).Status.Detail);
    }

    [Fact]
    public void Cancellation_IsCancelled_WhenTheClientLeft_AndDeadlineExceeded_WhenItsDeadlinePassed()
    {
        var mapper = Mapper(429, 1);
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.Equal(StatusCode.Cancelled, mapper.Map(new OperationCanceledException(), new FakeCall(gone.Token, DateTime.MaxValue)).StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, mapper.Map(new OperationCanceledException(), new FakeCall(gone.Token, DateTime.UtcNow.AddSeconds(-1))).StatusCode);
    }

    private static GrpcStatusMapper Mapper(int overloadStatus, int retryAfterSeconds) =>
        new(Options.Create(new GatewayOptions { OverloadStatus = overloadStatus, RetryAfterSeconds = retryAfterSeconds }), NullLogger<GrpcStatusMapper>.Instance);

    /// <summary>A server call's context with only what the mapper reads: its cancellation and deadline.</summary>
    private sealed class FakeCall(CancellationToken cancellation = default, DateTime? deadline = null) : ServerCallContext
    {
        protected override string MethodCore => "/inference.GRPCInferenceService/ModelInfer";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => deadline ?? DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => [];
        protected override CancellationToken CancellationTokenCore => cancellation;
        protected override Metadata ResponseTrailersCore => [];
        protected override global::Grpc.Core.Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
