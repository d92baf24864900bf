using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansServe.Gateway.Metrics;

/// <summary>
/// The gateway's meter "OrleansServe.Gateway": HTTP requests and their latency by model, route and status
/// (retries are the router's, on meter "OrleansServe.Routing"). prometheus-net exports it at /metrics.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "OrleansServe.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("orleansserve.gateway.requests", "{request}", "HTTP requests served by the gateway.");
        _duration = _meter.CreateHistogram<double>("orleansserve.gateway.request.duration", "s", "HTTP request latency in the gateway, in seconds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30] });
    }

    public void Request(string model, string route, int status, double elapsedSeconds)
    {
        var tags = new TagList { { "model", model }, { "route", route }, { "status", status } };
        _requests.Add(1, tags);
        _duration.Record(elapsedSeconds, tags);
    }


    public void Dispose() => _meter.Dispose();
}
