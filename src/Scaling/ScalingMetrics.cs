using System.Diagnostics.Metrics;

namespace OrleansServe.Scaling;

/// <summary>
/// Meter <c>OrleansServe.Scaling</c> (exported at /metrics as <c>orleansserve_scaling_*</c>): desired and current
/// replicas, launched silos (warm ones apart too), and decisions by policy and direction.
/// </summary>
public sealed class ScalingMetrics : IDisposable
{
    public const string MeterName = "OrleansServe.Scaling";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _decisions;
    private int _desired;
    private int _current;
    private int _silos;
    private int _warm;

    public ScalingMetrics()
    {
        _meter.CreateObservableGauge("orleansserve.scaling.desired_replicas", () => Volatile.Read(ref _desired), description: "Replica target of the last scaling decision.");
        _meter.CreateObservableGauge("orleansserve.scaling.current_replicas", () => Volatile.Read(ref _current), description: "Model servers taking work at the last poll.");
        _meter.CreateObservableGauge("orleansserve.scaling.silos", () => Volatile.Read(ref _silos), description: "Silos started by the scaler's launcher, warm ones included.");
        _meter.CreateObservableGauge("orleansserve.scaling.warm_silos", () => Volatile.Read(ref _warm), description: "Silos waiting in the launcher's warm pool.");
        _decisions = _meter.CreateCounter<long>("orleansserve.scaling.decisions", description: "Scaling decisions by policy and direction.");
    }

    public void Record(ScalingDecision decision, int launchedSilos, int warmSilos)
    {
        Volatile.Write(ref _desired, decision.Target);
        Volatile.Write(ref _current, decision.Signals.ReadyReplicas);
        Volatile.Write(ref _silos, launchedSilos);
        Volatile.Write(ref _warm, warmSilos);
        _decisions.Add(1, new KeyValuePair<string, object?>("policy", decision.Policy), new KeyValuePair<string, object?>("direction", decision.Direction.ToString().ToLowerInvariant()));
    }

    public void Dispose() => _meter.Dispose();
}
