using System.Diagnostics;

namespace OrleansServe.Grains.Batching;

/// <summary>
/// A request waiting in a batcher, completed with its batch's outcome (a value: the request path throws only for
/// transport failures), or with <see cref="InferenceErrorKind.Cancelled"/> when its caller goes away.
/// </summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<InferenceOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public PendingRequest(InferenceRequest request, CancellationToken cancellation)
    {
        Request = request;
        Cancellation = cancellation;
        TraceContext = ServeTracing.CurrentContext();
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.Register(() => _completion.TrySetResult(ClientLeft));
        }
    }

    private static InferenceOutcome ClientLeft => InferenceOutcome.Fail(InferenceErrorKind.Cancelled, "The client went away.");

    public InferenceRequest Request { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The caller's span when traced (the batch's span links to it), else default.</summary>
    public ActivityContext TraceContext { get; }

    public Task<InferenceOutcome> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Complete(InferenceOutcome outcome)
    {
        _registration.Dispose();
        _completion.TrySetResult(outcome);
    }

    /// <summary>The router itself failed (not a server's answer): the request ends with what that failure means.</summary>
    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetResult(exception switch
        {
            OperationCanceledException => ClientLeft,
            InferenceException e => InferenceOutcome.Fail(e.Kind, e.Message),
            _ => InferenceOutcome.Fail(InferenceErrorKind.Internal, $"Routing failed: {exception.Message}"),
        });
    }
}
