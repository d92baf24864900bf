using Microsoft.ML;

namespace OrleansServe.Grains.LoadPredictor;

/// <summary>Three ML.NET FastTree regressions (CPU %, memory %, latency) over the same features, and their error on held-back rows.</summary>
public sealed class LoadModel
{
    private readonly MLContext _ml;
    private readonly PredictionEngine<LoadRow, Score> _cpu;
    private readonly PredictionEngine<LoadRow, Score> _memory;
    private readonly PredictionEngine<LoadRow, Score> _latency;
    private readonly object _lock = new();

    private LoadModel(MLContext ml, ITransformer cpu, ITransformer memory, ITransformer latency, PredictorError error)
    {
        _ml = ml;
        _cpu = ml.Model.CreatePredictionEngine<LoadRow, Score>(cpu);
        _memory = ml.Model.CreatePredictionEngine<LoadRow, Score>(memory);
        _latency = ml.Model.CreatePredictionEngine<LoadRow, Score>(latency);
        Error = error;
    }

    public PredictorError Error { get; }

    /// <summary>Trains on <paramref name="training"/> and measures mean absolute error on <paramref name="heldBack"/>.</summary>
    public static LoadModel Train(IReadOnlyList<LoadRow> training, IReadOnlyList<LoadRow> heldBack, int realRows, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(training);
        var test = ml.Data.LoadFromEnumerable(heldBack);
        var (cpu, cpuMae) = Fit(ml, data, test, nameof(LoadRow.Cpu));
        var (memory, memoryMae) = Fit(ml, data, test, nameof(LoadRow.Memory));
        var (latency, latencyMae) = Fit(ml, data, test, nameof(LoadRow.LatencyMs));
        return new LoadModel(ml, cpu, memory, latency, new PredictorError(cpuMae, memoryMae, latencyMae, training.Count, realRows, DateTime.UtcNow));
    }

    public LoadPrediction Predict(float[] features)
    {
        var row = new LoadRow { Features = features };
        lock (_lock)
        {
            return new LoadPrediction(
                Math.Clamp(_cpu.Predict(row).Value, 0, 100),
                Math.Clamp(_memory.Predict(row).Value, 0, 100),
                Math.Max(0, _latency.Predict(row).Value));
        }
    }

    private static (ITransformer Model, double Mae) Fit(MLContext ml, IDataView data, IDataView test, string label)
    {
        var pipeline = ml.Transforms.CopyColumns("Label", label)
            .Append(ml.Regression.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 150, minimumExampleCountPerLeaf: 5, learningRate: 0.15));
        var model = pipeline.Fit(data);
        var metrics = ml.Regression.Evaluate(model.Transform(test));
        return (model, metrics.MeanAbsoluteError);
    }

    private sealed class Score
    {
        [Microsoft.ML.Data.ColumnName("Score")]
        public float Value { get; set; }
    }
}
