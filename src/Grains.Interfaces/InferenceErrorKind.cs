namespace OrleansServe;

/// <summary>Why a request was not served. The gateway maps each kind to an HTTP status.</summary>
public enum InferenceErrorKind
{
    /// <summary>The input is not a usable image or token count (400).</summary>
    BadInput = 0,
    /// <summary>The image declares more pixels than the limit (413).</summary>
    TooLarge = 1,
    /// <summary>No manifest names this model (404).</summary>
    UnknownModel = 2,
    /// <summary>The model exists but no live server has it loaded (503).</summary>
    ModelNotLoaded = 3,
    /// <summary>The queue is full (429/503 with Retry-After). Retriable elsewhere.</summary>
    Overloaded = 4,
    /// <summary>The request's deadline passed, or would pass before its work could finish (504).</summary>
    DeadlineExceeded = 5,
    /// <summary>The caller went away (499).</summary>
    Cancelled = 6,
    /// <summary>The server's silo is gone or unreachable. Retriable elsewhere.</summary>
    ServerUnavailable = 7,
    /// <summary>The server is stopping and hands queued work back. Retriable elsewhere.</summary>
    Draining = 8,
    /// <summary>An unexpected failure on the server (500). Counts against its circuit.</summary>
    Internal = 9,
}
