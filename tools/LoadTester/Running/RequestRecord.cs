namespace OrleansServe.LoadTester.Running;

/// <summary>What happened to one request. Times are milliseconds from the start of the run.</summary>
public struct RequestRecord
{
    /// <summary>When the schedule said to send it.</summary>
    public double ScheduledMs;

    /// <summary>When it was actually handed to the HTTP client (later than scheduled when the client lags).</summary>
    public double SentMs;

    /// <summary>From the scheduled send time to the end of the response (or the failure).</summary>
    public double LatencyMs;

    /// <summary>HTTP status, or 0 when no response came (timeout, refused, reset).</summary>
    public int Status;

    /// <summary>The model asked for.</summary>
    public string? Model;

    /// <summary>The <c>server</c> member of a successful response, when present.</summary>
    public string? Server;

    /// <summary>Server queue time from the response's <c>timings</c>, or NaN.</summary>
    public double QueueMs;

    /// <summary>Inference time from the response's <c>timings</c>, or NaN.</summary>
    public double InferenceMs;

    /// <summary>
    /// Why no response came (e.g. <c>timeout</c>, <c>ConnectionError</c>), or the <c>error</c>/<c>title</c>
    /// of a non-2xx answer; null for 2xx.
    /// </summary>
    public string? Error;

    /// <summary>True for a 2xx answer.</summary>
    public readonly bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>When the response ended, in milliseconds from the start.</summary>
    public readonly double CompletedMs => ScheduledMs + LatencyMs;
}
