namespace OrleansServe.Engine;

/// <summary>A manifest's <c>pretrained</c>: where its ONNX file is published and the file's SHA-256 (lower-case hex).</summary>
public sealed record PretrainedSource(Uri Url, string Sha256);
