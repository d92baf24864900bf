namespace OrleansServe;

/// <summary>ML.NET regression from a request mix to CPU, memory and latency; retrained on real reports.</summary>
[Alias("OrleansServe.ILoadPredictorGrain")]
public interface ILoadPredictorGrain : IGrainWithIntegerKey
{
    /// <summary>Predicts the load a mix would cause.</summary>
    [Alias("PredictAsync")]
    Task<LoadPrediction> PredictAsync(LoadMix mix);

    /// <summary>The current error on held-back rows.</summary>
    [Alias("GetErrorAsync")]
    Task<PredictorError> GetErrorAsync();

    /// <summary>Retrains now on the synthetic rows and every observed one (as the minute timer does) and returns the new error.</summary>
    [Alias("RetrainAsync")]
    Task<PredictorError> RetrainAsync();

    /// <summary>Adds an observed report to the training set (one-way: the registry does not wait for it).</summary>
    [Alias("ObserveAsync"), Orleans.Concurrency.OneWay]
    Task ObserveAsync(ServerLoadReport report);
}
