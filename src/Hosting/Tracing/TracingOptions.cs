namespace OrleansServe.Hosting.Tracing;

/// <summary>The <c>Tracing</c> configuration section: OpenTelemetry traces of the request path.</summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>The standard OpenTelemetry variable: where spans go over OTLP (e.g. <c>http://otel-collector:4317</c>).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Whether this process records spans and propagates trace context over grain calls. The default is on exactly
    /// when <see cref="OtlpEndpointKey"/> is set (then spans are exported there); on without an endpoint, spans are
    /// recorded for in-process listeners only. Off, no listener is registered and no span is started.
    /// </summary>
    public bool? Enabled { get; set; }
}
