using System.Diagnostics.Metrics;

namespace OrleansServe.Bench;

/// <summary>Listens to the engine's meter: mean decode time per image and mean batch size, to show where its time goes.</summary>
internal sealed class EngineMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private double _decodeMs;
    private long _decodes;
    private long _batchItems;
    private long _batches;

    public EngineMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OrleansServe.Engine" && instrument.Name is "orleansserve_engine_decode_ms" or "orleansserve_engine_batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_listener)
            {
                _decodeMs += value;
                _decodes++;
            }
        });
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            lock (_listener)
            {
                _batchItems += value;
                _batches++;
            }
        });
        _listener.Start();
    }

    /// <summary>Mean decode ms per image and mean batch size since the last call.</summary>
    public (double DecodeMs, double BatchSize) TakeMeans()
    {
        lock (_listener)
        {
            var means = (_decodes == 0 ? 0 : _decodeMs / _decodes, _batches == 0 ? 0 : _batchItems / (double)_batches);
            (_decodeMs, _decodes, _batchItems, _batches) = (0, 0, 0, 0);
            return means;
        }
    }

    public void Dispose() => _listener.Dispose();
}
