namespace OrleansServe.Grains.Batching;

/// <summary>A request waiting in a batcher, completed by its batch's outcome or failed when its caller goes away.</summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<InferenceResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public PendingRequest(InferenceRequest request, CancellationToken cancellation)
    {
        Request = request;
        Cancellation = cancellation;
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.Register(() =>
                _completion.TrySetException(new InferenceException(InferenceErrorKind.Cancelled, "The client went away.")));
        }
    }

    public InferenceRequest Request { get; }

    public CancellationToken Cancellation { get; }

    public Task<InferenceResponse> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Complete(InferenceOutcome outcome)
    {
        _registration.Dispose();
        if (outcome.Response is { } response)
        {
            _completion.TrySetResult(response);
        }
        else
        {
            _completion.TrySetException(outcome.Error!.ToException());
        }
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }
}
