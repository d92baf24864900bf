using System.Text.Json.Serialization;

namespace OrleansServe.Gateway.Protocol;

/// <summary>
/// The FastAPI-dispatcher style answer: <c>{"prediction": "golden retriever: 89.2%", "model": "resnet18"}</c>, plus
/// <c>queue_size</c> from /add_to_queue and /enqueue.
/// </summary>
public sealed record PredictResponse(
    [property: JsonPropertyName("prediction")] string Prediction,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("queue_size"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? QueueSize);
