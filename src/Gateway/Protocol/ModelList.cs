namespace OrleansServe.Gateway.Protocol;

/// <summary><c>GET /v2/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelSummary> Models);
