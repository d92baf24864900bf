using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Prometheus;

namespace OrleansServe.Hosting;

/// <summary>
/// One exported instrument: its prometheus-net collector, created with the label names of its first measurement,
/// and the series each combination of tag values updates (a gauge's Inc or Set, a histogram's Observe). An observable
/// instrument's series that its callback no longer reports (a server that left) are removed after the scrape, as
/// prometheus-net's adapter let them expire.
/// </summary>
internal sealed class InstrumentSeries
{
    private readonly Instrument _instrument;
    private readonly IMetricFactory _factory;
    private readonly Kind _kind;
    private readonly ConcurrentDictionary<TagValues, Series> _series = new();
    private readonly Lock _gate = new();
    private object? _collector;

    private InstrumentSeries(Instrument instrument, IMetricFactory factory, Kind kind)
    {
        _instrument = instrument;
        _factory = factory;
        _kind = kind;
    }

    private enum Kind
    {
        /// <summary>Counter, UpDownCounter: a measurement is an increment (to a gauge: counters may be re-created and restart).</summary>
        Add,

        /// <summary>Observable instruments and Gauge: a measurement is the current value.</summary>
        Set,

        /// <summary>Histogram: a measurement is an observation.</summary>
        Observe,
    }

    /// <summary>Whether a callback reports this instrument's values at each scrape.</summary>
    public bool IsObservable => _instrument.IsObservable;

    /// <summary>The series of <paramref name="instrument"/>, or null for a kind of instrument Prometheus has no type for.</summary>
    public static InstrumentSeries? For(Instrument instrument, IMetricFactory factory)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var type = instrument.GetType().GetGenericTypeDefinition();
        Kind? kind = type == typeof(Counter<>) || type == typeof(UpDownCounter<>) ? Kind.Add
            : type == typeof(Histogram<>) ? Kind.Observe
            : type == typeof(ObservableCounter<>) || type == typeof(ObservableGauge<>) || type == typeof(ObservableUpDownCounter<>) || type == typeof(Gauge<>) ? Kind.Set
            : null;
        return kind is { } k ? new InstrumentSeries(instrument, factory, k) : null;
    }

    public void Record<T>(T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var value = measurement switch
        {
            byte x => x,
            short x => x,
            int x => x,
            long x => x,
            float x => x,
            double x => x,
            _ => double.NaN,
        };
        try
        {
            var key = new TagValues(tags);
            if (!_series.TryGetValue(key, out var series))
            {
                series = _series.GetOrAdd(key, Create(tags));
            }
            series.Seen = true;
            series.Update(value);
        }
        catch (Exception)
        {
            // A measurement never fails its caller (label names that changed between measurements, for one).
        }
    }

    /// <summary>After a scrape's observations: removes the series they did not report, and forgets which they did.</summary>
    public void RemoveUnseen()
    {
        foreach (var (key, series) in _series)
        {
            if (!series.Seen && _series.TryRemove(key, out _))
            {
                series.Child.Remove();
            }

            series.Seen = false;
        }
    }

    private Series Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new (string Name, string Value)[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = (PrometheusName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }
        Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var names = labels.Select(l => l.Name).ToArray();
        var values = labels.Select(l => l.Value).ToArray();
        var collector = Collector(names);
        if (_kind == Kind.Observe)
        {
            var histogram = ((Histogram)collector).WithLabels(values);
            return new Series(histogram.Observe, histogram);
        }
        var gauge = ((Gauge)collector).WithLabels(values);
        return new Series(_kind == Kind.Add ? gauge.Inc : gauge.Set, gauge);
    }

    private object Collector(string[] labelNames)
    {
        lock (_gate)
        {
            var name = PrometheusName(_instrument.Name);
            return _collector ??= _kind == Kind.Observe
                ? _factory.CreateHistogram(name, Help(), labelNames, new HistogramConfiguration
                {
                    Buckets = AdvisedBuckets(_instrument) ?? MeterAdapterOptions.DefaultHistogramBuckets,
                    ExemplarBehavior = ExemplarBehavior.NoExemplars(),
                })
                : _factory.CreateGauge(name, Help(), labelNames);
        }
    }

    /// <summary>As prometheus-net's adapter writes it: "(unit) description (instrument type)".</summary>
    private string Help()
    {
        var unit = string.IsNullOrWhiteSpace(_instrument.Unit) ? "" : $"({_instrument.Unit}) ";
        return $"{unit}{_instrument.Description} ({_instrument.GetType().Name})";
    }

    private static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };

    /// <summary>Lower case, every character outside [a-z0-9_] as '_', and a leading '_' when the first is a digit.</summary>
    internal static string PrometheusName(string name)
    {
        var sb = new StringBuilder(name.Length + 1);
        foreach (var ch in name)
        {
            var c = char.ToLowerInvariant(ch);
            var allowed = c is (>= 'a' and <= 'z') or '_' || (sb.Length > 0 && c is >= '0' and <= '9');
            if (sb.Length == 0 && !allowed)
            {
                sb.Append('_').Append(c is >= '0' and <= '9' ? c : '_');
                continue;
            }
            sb.Append(allowed ? c : '_');
        }
        return sb.ToString();
    }

    private sealed class Series(Action<double> update, ChildBase child)
    {
        public Action<double> Update { get; } = update;

        public ChildBase Child { get; } = child;

        /// <summary>Whether a measurement reached it since the last <see cref="RemoveUnseen"/>.</summary>
        public bool Seen { get; set; }
    }
}
