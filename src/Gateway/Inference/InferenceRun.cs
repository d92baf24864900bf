using OrleansServe.Engine;

namespace OrleansServe.Gateway.Inference;

/// <summary>
/// An inference request as the cluster answered it: what was asked, each item's outcome, and the gateway's end-to-end
/// time. A failed item is a value (<see cref="Failure"/>), which the endpoint maps to its ProblemDetails.
/// </summary>
public sealed record InferenceRun(ModelManifest Model, ParsedInference Request, IReadOnlyList<InferenceOutcome> Outcomes, double TotalMs)
{
    /// <summary>The first item's error, in item order, when any item failed.</summary>
    public InferenceError? Failure { get; } = Outcomes.FirstOrDefault(o => o.Error is not null)?.Error;

    /// <summary>Each item's response (read when <see cref="Failure"/> is null).</summary>
    public IReadOnlyList<InferenceResponse> Responses { get; } = [.. Outcomes.Select(o => o.Response!)];
}
