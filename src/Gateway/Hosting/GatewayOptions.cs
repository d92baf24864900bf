namespace OrleansServe.Gateway.Hosting;

/// <summary>The <c>Gateway</c> configuration section: request limits, deadlines and the admin key.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest request body accepted, in bytes (Kestrel's limit too); larger bodies get 413. The default is 10 MB.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Port of the Open Inference Protocol's gRPC service (<c>inference.GRPCInferenceService</c>), HTTP/2 only, on the
    /// hosts of <c>Urls</c>; 0 turns it off. The default is 8001 (Triton's gRPC port).
    /// </summary>
    public int GrpcPort { get; set; } = 8001;

    /// <summary>Deadline of an inference request, in ms, unless the request's <see cref="TimeoutHeader"/> says otherwise. The default is 30000.</summary>
    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>Largest deadline a client may ask for with <see cref="TimeoutHeader"/>, in ms. The default is 300000.</summary>
    public int MaxTimeoutMs { get; set; } = 300_000;

    /// <summary>Header that overrides <see cref="TimeoutMs"/> for one request. The default is "X-Timeout-Ms".</summary>
    public string TimeoutHeader { get; set; } = "X-Timeout-Ms";

    /// <summary>Key that admin endpoints require in <c>X-Api-Key</c>; when empty they answer loopback callers only. The default is none.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How many classes a classifier returns when the request does not say (<c>?top=k</c>). The default is 5.</summary>
    public int DefaultTopK { get; set; } = 5;

    /// <summary>Largest top-k a request may ask for. The default is 1000.</summary>
    public int MaxTopK { get; set; } = 1000;

    /// <summary>Most items (images or token counts) in one Open Inference Protocol request. The default is 64.</summary>
    public int MaxBatchItems { get; set; } = 64;

    /// <summary>Largest token count one request may carry. The default is 100000.</summary>
    public int MaxTokens { get; set; } = 100_000;

    /// <summary>
    /// Largest image (width × height) the gateway forwards; larger declared sizes get 413 before the bytes cross the
    /// cluster. Not a knob of its own: it is the engine's <c>Engine:MaxDecodedPixels</c> (one name, one rule).
    /// </summary>
    public long MaxImagePixels { get; internal set; } = 40_000_000;

    /// <summary>
    /// Model used by <c>/predict</c>, <c>/add_to_queue</c> and <c>/enqueue</c> without <c>?model=</c>. The default is
    /// empty: the best real classifier of the catalog (<c>resnet18</c> once its pretrained weights are there,
    /// otherwise the shipped <c>mobilenetv2</c>).
    /// </summary>
    public string DefaultModel { get; set; } = "";

    /// <summary>
    /// Models that must be loaded on a healthy server before <c>/health</c> says ready. The default is none set, which
    /// means the models silos load at boot (<c>Models:Load</c>), or every model of the catalog when that is not set either.
    /// </summary>
    public string[]? ReadyModels { get; set; }

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the cluster sheds load. The default is 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Status for shed requests: 429 (client backs off) or 503. The default is 429.</summary>
    public int OverloadStatus { get; set; } = StatusCodes.Status429TooManyRequests;

    /// <summary>
    /// Requests that take at least this long end to end, in ms, are kept (the last <see cref="Inference.SlowRequests.Capacity"/>)
    /// with their stage times for the ops page; 0 keeps every request. The default is 1000.
    /// </summary>
    public int SlowRequestMs { get; set; } = 1000;

    /// <summary>Largest <c>requests</c> a test-traffic run may ask for. The default is 20000.</summary>
    public int MaxTestTrafficRequests { get; set; } = 20_000;
}
