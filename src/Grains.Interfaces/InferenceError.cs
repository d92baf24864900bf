namespace OrleansServe;

/// <summary>The wire form of a failed item in a batch.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.InferenceError")]
public sealed record InferenceError(InferenceErrorKind Kind, string Message)
{
    public InferenceException ToException() => new(Kind, Message);
}
