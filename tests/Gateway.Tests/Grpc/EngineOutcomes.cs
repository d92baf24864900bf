using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>
/// What one gateway's engine reports on its meter: requests finished by model and outcome, and its queue length.
/// Only that host's meters are heard (by their factory), so other test hosts in the process do not count.
/// </summary>
public sealed class EngineOutcomes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Model, string Outcome), long> _finished = new();
    private readonly ConcurrentDictionary<string, long> _gauges = new();

    public EngineOutcomes(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope
                && instrument.Name is "orleansserve_engine_requests" or "orleansserve_engine_queue_length" or "orleansserve_engine_in_flight")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name != "orleansserve_engine_requests")
            {
                _gauges[instrument.Name] = value;
                return;
            }
            string? model = null, outcome = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "model" ? tag.Value as string : model;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }
            _finished.AddOrUpdate((model ?? "", outcome ?? ""), value, (_, total) => total + value);
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _gauges[instrument.Name] = value);
        _listener.Start();
    }

    public long Finished(string model, string outcome) => _finished.GetValueOrDefault((model, outcome));

    /// <summary>Requests waiting in the engine's queue now (polls the observable gauge).</summary>
    public long QueueLength() => Gauge("orleansserve_engine_queue_length");

    /// <summary>Requests the engine's workers are running now.</summary>
    public long InFlight() => Gauge("orleansserve_engine_in_flight");

    private long Gauge(string name)
    {
        _listener.RecordObservableInstruments();
        return _gauges.GetValueOrDefault(name);
    }

    public void Dispose() => _listener.Dispose();
}
