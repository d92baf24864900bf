namespace OrleansServe;

/// <summary>A request that could not be served, with the <see cref="InferenceErrorKind"/> that says why.</summary>
[GenerateSerializer, Alias("OrleansServe.InferenceException")]
public sealed class InferenceException : Exception
{
    public InferenceException(InferenceErrorKind kind, string message) : base(message) => Kind = kind;

    public InferenceException(InferenceErrorKind kind, string message, Exception inner) : base(message, inner) => Kind = kind;

    [Id(0)]
    public InferenceErrorKind Kind { get; }
}
