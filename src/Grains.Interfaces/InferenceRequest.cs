namespace OrleansServe;

/// <summary>
/// One request for a model: an encoded image for image models, or a token count for simulated token models.
/// The deadline travels with it: queues serve the earliest first and shed work that cannot finish in time.
/// </summary>
/// <remarks>Immutable: Orleans passes the image bytes by reference on local calls; nobody may mutate them.</remarks>
[GenerateSerializer, Immutable, Alias("OrleansServe.InferenceRequest")]
public sealed record InferenceRequest(
    string Id,
    string Model,
    byte[]? Image,
    int Tokens,
    int TopK,
    DateTime DeadlineUtc);
