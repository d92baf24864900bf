namespace OrleansServe;

/// <summary>One item of a batch's result: a response, or the error of that item alone.</summary>
[GenerateSerializer, Immutable, Alias("OrleansServe.InferenceOutcome")]
public sealed record InferenceOutcome(InferenceResponse? Response, InferenceError? Error)
{
    public static InferenceOutcome Ok(InferenceResponse response) => new(response, null);

    public static InferenceOutcome Fail(InferenceErrorKind kind, string message) => new(null, new InferenceError(kind, message));
}
