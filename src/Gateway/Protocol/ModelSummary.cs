using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>
/// One entry of <c>GET /v2/models</c>: a model of the catalog, whether a healthy server has it loaded, and for image
/// models whether their weights are <c>pretrained</c> or <c>seeded</c>.
/// </summary>
public sealed record ModelSummary(
    string Name,
    string Kind,
    string Platform,
    string[] Versions,
    bool Ready,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Weights = null);
