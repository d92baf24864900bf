namespace OrleansServe;

/// <summary>The one retry rule of the request path (the router applies it; nothing else retries).</summary>
public static class InferenceErrorKinds
{
    /// <summary>
    /// True when another server may succeed where one failed: it was full, stopping, gone, lacked the model, or
    /// failed unexpectedly. Bad input, an unknown model, a passed deadline and a caller that left are final.
    /// </summary>
    public static bool IsRetriable(this InferenceErrorKind kind) => kind is InferenceErrorKind.Overloaded or InferenceErrorKind.Draining
        or InferenceErrorKind.ServerUnavailable or InferenceErrorKind.ModelNotLoaded or InferenceErrorKind.Internal;
}
