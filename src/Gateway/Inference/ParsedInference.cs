namespace OrleansServe.Gateway.Inference;

/// <summary>An inference request after parsing, whatever its wire form.</summary>
/// <param name="Id">The client's request id (Open Inference Protocol), echoed in the response.</param>
/// <param name="Items">The work: one item per image or token count (an OIP tensor of shape [n] gives n).</param>
/// <param name="TopK">Top-k asked for in the body (OIP <c>classification</c> output parameter), if any.</param>
/// <param name="Outputs">Output names the client asked for (OIP); null means the defaults.</param>
/// <param name="IsOpenInference">True for the Open Inference Protocol form, which gets its response shape.</param>
public sealed record ParsedInference(
    string? Id,
    IReadOnlyList<InferenceItem> Items,
    int? TopK,
    IReadOnlyList<string>? Outputs,
    bool IsOpenInference);
