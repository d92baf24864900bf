using System.Diagnostics.Metrics;

namespace OrleansServe.Engine;

/// <summary>The engine's instruments on the <c>OrleansServe.Engine</c> meter (names ready for Prometheus).</summary>
internal sealed class EngineMetrics : IDisposable
{
    /// <summary>The meter name to listen to (OpenTelemetry <c>AddMeter</c>, prometheus-net, dotnet-counters).</summary>
    public const string MeterName = "OrleansServe.Engine";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _inferenceMs;
    private readonly Histogram<double> _decodeMs;
    private readonly Counter<long> _requests;

    public EngineMetrics(IMeterFactory? meterFactory, Func<EngineSnapshot> snapshot)
    {
        // A factory's meters belong to the factory (it shares and disposes them); only a meter made here is ours.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("orleansserve_engine_queue_length", () => snapshot().QueueLength, "{request}", "Requests waiting in the engine's queue.");
        _meter.CreateObservableGauge("orleansserve_engine_queue_limit", () => snapshot().QueueLimit, "{request}",
            "Requests the engine's queues hold at most: Engine:MaxQueue for each model server on the silo.");
        _meter.CreateObservableGauge("orleansserve_engine_in_flight", () => snapshot().InFlight, "{request}", "Requests running on the engine's workers.");
        _meter.CreateObservableGauge("orleansserve_engine_expected_wait_ms", () => snapshot().ExpectedWaitMs, "ms", "Expected queueing time of a new request.");
        _batchSize = _meter.CreateHistogram<int>("orleansserve_engine_batch_size", "{request}", "Requests run together in one batch.");
        _inferenceMs = _meter.CreateHistogram<double>("orleansserve_engine_inference_ms", "ms", "Compute time of one batch (decode included), by model.");
        _decodeMs = _meter.CreateHistogram<double>("orleansserve_engine_decode_ms", "ms", "Decode, resize and normalise time of one image, by model.");
        _requests = _meter.CreateCounter<long>("orleansserve_engine_requests", "{request}", "Requests finished, by model and outcome (ok or an error kind).");
    }

    public void Ran(string model, int batchSize, double elapsedMs)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _batchSize.Record(batchSize, tag);
        _inferenceMs.Record(elapsedMs, tag);
    }

    public void Decoded(string model, double elapsedMs) => _decodeMs.Record(elapsedMs, new KeyValuePair<string, object?>("model", model));

    public void Finished(string model, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
