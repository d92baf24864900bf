using System.Diagnostics.Metrics;
using Prometheus;
using OrleansServe.Hosting;

namespace OrleansServe.Gateway.Tests.Unit;

/// <summary>
/// The meter export writes what prometheus-net's adapter wrote (types, labels), names each series after its instrument
/// alone (the adapter prepended the meter's name) and honours bucket advice.
/// </summary>
public sealed class MeterExportTests : IDisposable
{
    private readonly string _meterName = $"Test.Export{Guid.NewGuid():N}";
    private readonly Meter _meter;
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly MeterExport _export;

    public MeterExportTests()
    {
        _meter = new Meter(_meterName);
        _export = new MeterExport(_registry, instrument => instrument.Meter.Name == _meterName);
    }

    private string Prefix => _meterName.ToLowerInvariant().Replace('.', '_');

    [Fact]
    public async Task CountersAddUpPerTagCombination_AsGaugesWithSortedLabels()
    {
        var requests = _meter.CreateCounter<long>($"{_meterName}.requests", "{request}", "Requests served.");
        requests.Add(1, new("status", 200), new("model", "echo"));
        requests.Add(2, new("status", 200), new("model", "echo"));
        requests.Add(1, new("model", "echo"), new("status", 200)); // the same series, tags in another order
        requests.Add(5, new("model", "A"), new("status", 503));

        var text = await ScrapeAsync();

        Assert.Contains($"# HELP {Prefix}_requests ({{request}}) Requests served. (Counter`1)", text);
        Assert.Contains($"# TYPE {Prefix}_requests gauge", text);
        Assert.Contains($"{Prefix}_requests{{model=\"echo\",status=\"200\"}} 4", text);
        Assert.Contains($"{Prefix}_requests{{model=\"A\",status=\"503\"}} 5", text);
    }

    [Fact]
    public async Task HistogramsUseTheirAdvisedBuckets()
    {
        var latency = _meter.CreateHistogram<double>($"{_meterName}.request.duration", "s", "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01] });
        latency.Record(0.0005);
        latency.Record(0.005);
        latency.Record(5);

        var text = await ScrapeAsync();

        Assert.Contains($"# TYPE {Prefix}_request_duration histogram", text);
        Assert.Contains($"{Prefix}_request_duration_bucket{{le=\"0.001\"}} 1", text);
        Assert.Contains($"{Prefix}_request_duration_bucket{{le=\"0.01\"}} 2", text);
        Assert.Contains($"{Prefix}_request_duration_bucket{{le=\"+Inf\"}} 3", text);
        Assert.Contains($"{Prefix}_request_duration_count 3", text);
    }

    [Fact]
    public async Task ObservableGaugesAreReadAtEachScrape()
    {
        var queue = 3;
        _meter.CreateObservableGauge($"{_meterName}.queue_length", () => new Measurement<int>(queue, new KeyValuePair<string, object?>("server", "s1/0")));

        Assert.Contains($"{Prefix}_queue_length{{server=\"s1/0\"}} 3", await ScrapeAsync());
        queue = 7;
        Assert.Contains($"{Prefix}_queue_length{{server=\"s1/0\"}} 7", await ScrapeAsync());
    }

    [Fact]
    public async Task SeriesAnObservableGaugeNoLongerReportsLeaveTheScrape()
    {
        var servers = new List<string> { "s1/0", "s2/0" };
        _meter.CreateObservableGauge($"{_meterName}.in_flight", () => servers.Select(s => new Measurement<int>(1, new KeyValuePair<string, object?>("server", s))));

        Assert.Contains($"{Prefix}_in_flight{{server=\"s2/0\"}} 1", await ScrapeAsync());
        servers.Remove("s2/0");
        var text = await ScrapeAsync();

        Assert.Contains($"{Prefix}_in_flight{{server=\"s1/0\"}} 1", text);
        Assert.DoesNotContain("s2/0", text);
    }

    [Fact]
    public async Task SeriesAreNamedAfterTheirInstrumentAlone()
    {
        // Instruments carry their namespace (orleansserve_engine_queue_length on meter OrleansServe.Engine); putting the
        // meter's name in front as well gave orleansserve_engine_orleansserve_engine_queue_length.
        _meter.CreateObservableGauge($"{Prefix}_engine_queue_length", () => 2);

        var text = await ScrapeAsync();

        Assert.Contains($"\n{Prefix}_engine_queue_length 2", text);
        Assert.DoesNotContain($"{Prefix}_{Prefix}", text);
    }

    [Fact]
    public async Task OnlyChosenMetersAreExported()
    {
        using var other = new Meter($"Other.{_meterName}");
        other.CreateCounter<long>($"{_meterName}.ignored").Add(1);

        Assert.DoesNotContain("ignored", await ScrapeAsync());
    }

    private async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose()
    {
        _export.Dispose();
        _meter.Dispose();
    }
}
