using System.Diagnostics.Metrics;
using Orleans.Runtime;

namespace OrleansServe.Grains.Routing;

/// <summary>
/// Meter "OrleansServe.Routing": per-server queue length and in-flight work as this silo last saw them, circuit
/// states of this silo's breakers for the servers it sees (0 closed, 1 open, 2 half-open), batch sizes routed and retries.
/// Created at silo start (a lifecycle participant) so the gauges exist before the first request.
/// </summary>
public sealed class RoutingMetrics : ILifecycleParticipant<ISiloLifecycle>
{
    public const string MeterName = "OrleansServe.Routing";
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _retries;

    public RoutingMetrics(IMeterFactory meters, ServerViewCache view, CircuitBreakers breakers)
    {
        var meter = meters.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>("orleansserve_router_batch_size", "{request}", "Requests per batch routed to a server.");
        _retries = meter.CreateCounter<long>("orleansserve_router_retries", "{request}", "Requests tried again on another server.");
        meter.CreateObservableGauge("orleansserve_server_queue_length", () => PerServer(view, r => r.QueueLength), "{request}", "Requests waiting in each server's own queue.");
        meter.CreateObservableGauge("orleansserve_server_in_flight", () => PerServer(view, r => r.InFlight), "{request}", "Requests each server is running.");
        meter.CreateObservableGauge("orleansserve_circuit_state", () => CircuitStates(view, breakers), null,
            "This silo's circuit state per server: 0 closed, 1 open, 2 half-open.");
    }

    public void BatchRouted(int size) => _batchSize.Record(size);

    public void Retried(int requests) => _retries.Add(requests);

    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    /// <summary>
    /// The circuits of the servers in the view: a breaker outlives its server (a dead silo's stays half-open, as nothing
    /// calls it again), and a "circuit not closed" alert would otherwise fire for ever after a silo left.
    /// </summary>
    private static IEnumerable<Measurement<int>> CircuitStates(ServerViewCache view, CircuitBreakers breakers)
    {
        var states = breakers.States();
        return view.Servers.Where(s => states.ContainsKey(s.ServerId)).Select(s =>
            new Measurement<int>((int)states[s.ServerId], new KeyValuePair<string, object?>("server", s.ServerId)));
    }

    private static IEnumerable<Measurement<int>> PerServer(ServerViewCache view, Func<ServerLoadReport, int> value) =>
        view.Servers.Where(s => s.Report is not null).Select(s =>
            new Measurement<int>(value(s.Report!), new KeyValuePair<string, object?>("server", s.ServerId)));
}
