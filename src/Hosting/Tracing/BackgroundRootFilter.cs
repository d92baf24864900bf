using System.Diagnostics;
using OpenTelemetry.Trace;

namespace OrleansServe.Hosting.Tracing;

/// <summary>
/// Decides which spans may start a trace: HTTP requests and the request path's own spans do; grain calls nobody was
/// tracing (load reports, registry pings, timers: a client or server span without a parent) do not, so a collector
/// sees requests, not the cluster's background chatter. Spans with a parent follow it (<see cref="ParentBasedSampler"/>).
/// </summary>
internal sealed class BackgroundRootFilter : Sampler
{
    private const string HttpRequestIn = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    public static Sampler Create() => new ParentBasedSampler(new BackgroundRootFilter());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind switch
        {
            ActivityKind.Client => new SamplingResult(SamplingDecision.Drop),
            ActivityKind.Server when samplingParameters.Name != HttpRequestIn => new SamplingResult(SamplingDecision.Drop),
            _ => new SamplingResult(SamplingDecision.RecordAndSample),
        };
}
