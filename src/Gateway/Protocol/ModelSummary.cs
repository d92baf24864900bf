namespace OrleansServe.Gateway.Protocol;

/// <summary>One entry of <c>GET /v2/models</c>: a model of the catalog and whether a healthy server has it loaded.</summary>
public sealed record ModelSummary(string Name, string Kind, string Platform, string[] Versions, bool Ready);
