namespace OrleansServe.Gateway.Ui;

/// <summary>One frame of the ops page: the cluster's silos with their servers, figures per model, and the chart point.</summary>
/// <param name="Time">Unix time in milliseconds when the frame was taken.</param>
/// <param name="Silos">Silos of the cluster's membership (and any still listed by the registry), each with its model servers.</param>
/// <param name="Models">Cluster-wide figures per model.</param>
/// <param name="Point">The compact point the charts append for this frame.</param>
/// <param name="Predictor">The load predictor's current error, null until it answered.</param>
/// <param name="PredictorProblem">Why the predictor's error is missing, if it is.</param>
/// <param name="RegistryProblem">Why the server list is stale or empty, if the registry did not answer.</param>
public sealed record OpsSnapshot(
    long Time,
    IReadOnlyList<SiloSnapshot> Silos,
    IReadOnlyDictionary<string, ModelSnapshot> Models,
    HistoryPoint Point,
    PredictorError? Predictor,
    string? PredictorProblem,
    string? RegistryProblem)
{
    /// <summary>Whether this gateway maps <c>/api/scaler</c>, so the page asks it only when it exists.</summary>
    public bool ScalerApi { get; init; }

    /// <summary>This gateway's last slow requests (<c>Gateway:SlowRequestMs</c>), newest first, with their stage times.</summary>
    public IReadOnlyList<Inference.SlowRequest> SlowRequests { get; init; } = [];
}
