using OrleansServe.Engine;

namespace OrleansServe.Grains.LoadPredictor;

/// <summary>
/// Predicts the load of a request mix. Trained at activation on ≥ 1000 synthetic rows from the token models'
/// manifests; every minute (or when asked), once enough real reports have arrived, retrained on synthetic plus real
/// rows, with its error measured on held-back real rows. A real row is one report: the server's requests and tokens
/// per model as rates a second (over the time since its previous report, however long the period was), its silo's
/// CPU and memory, and the mean time of its requests. Training runs on the thread pool, never on the grain's turn.
/// </summary>
internal sealed partial class LoadPredictorGrain(IInferenceEngine engine, ILogger<LoadPredictorGrain> logger) : Grain, ILoadPredictorGrain
{
    private const int SyntheticRows = 1500;
    private const int MaxRealRows = 5000;
    private const int MinNewRowsToRetrain = 60;
    private const int MinHeldBackRealRows = 10;
    private readonly List<LoadRow> _real = [];
    private readonly Dictionary<string, DateTime> _lastReportUtc = new(StringComparer.Ordinal);
    private int _newSinceTraining;
    private Task<LoadModel> _model = null!;

    private static double TotalMemoryMb => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024.0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => RetrainOnTimerAsync(), new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { Interleave = false, KeepAlive = true });
        // Training takes seconds: start it without holding up activation; the first questions wait for it.
        _model = TrainAsync();
        return Task.CompletedTask;
    }

    public async Task<LoadPrediction> PredictAsync(LoadMix mix) =>
        (await _model).Predict(LoadRow.FeaturesOf(mix.ModelCounts, mix.TokenCounts));

    public async Task<PredictorError> GetErrorAsync() => (await _model).Error;

    public Task ObserveAsync(ServerLoadReport report)
    {
        // A report's counts cover the time since the same server's previous report: a second as a rule, but timers
        // slip on a busy silo and loading a model reports at once. Rates a second are what the synthetic rows hold.
        var previous = _lastReportUtc.GetValueOrDefault(report.ServerId);
        _lastReportUtc[report.ServerId] = report.TimestampUtc;
        var seconds = (report.TimestampUtc - previous).TotalSeconds;
        var token = report.PerModel.Where(kv => LoadRow.Models.Contains(kv.Key)).ToList();
        if (previous == default || seconds is <= 0.05 or > 10 || token.Count == 0 || token.All(kv => kv.Value.Requests == 0))
        {
            return Task.CompletedTask;
        }

        var counts = token.ToDictionary(kv => kv.Key, kv => kv.Value.Requests / seconds);
        var tokens = token.ToDictionary(kv => kv.Key, kv => kv.Value.Tokens / seconds);
        var served = token.Sum(kv => kv.Value.Requests);
        _real.Add(new LoadRow
        {
            Features = LoadRow.FeaturesOf(counts, tokens),
            Cpu = (float)report.CpuPercent,
            Memory = (float)(report.MemoryMb / TotalMemoryMb * 100),
            LatencyMs = (float)(token.Sum(kv => kv.Value.EwmaMs * kv.Value.Requests) / Math.Max(1, served)),
        });
        if (_real.Count > MaxRealRows)
        {
            _real.RemoveRange(0, _real.Count - MaxRealRows);
        }

        _newSinceTraining++;
        return Task.CompletedTask;
    }

    public async Task<PredictorError> RetrainAsync()
    {
        await _model;
        _newSinceTraining = 0;
        var retrained = await TrainAsync();
        _model = Task.FromResult(retrained);
        LogRetrained(retrained.Error.TrainingRows, retrained.Error.RealRows, retrained.Error.CpuMae);
        return retrained.Error;
    }

    private async Task RetrainOnTimerAsync()
    {
        if (_newSinceTraining >= MinNewRowsToRetrain && _model.IsCompleted)
        {
            await RetrainAsync();
        }
    }

    private Task<LoadModel> TrainAsync()
    {
        var costs = engine.Catalog
            .Where(m => m.Kind == ModelManifest.SimulatedTokens && LoadRow.Models.Contains(m.Name))
            .Select(m => new TokenModelCost(m.Name, m.BaseCpuMs, m.CpuMsPerToken, m.MemoryMb))
            .ToList();
        var real = _real.ToList();
        var cores = Environment.ProcessorCount;
        var memory = TotalMemoryMb;
        return Task.Run(() =>
        {
            var synthetic = SyntheticLoad.Rows(costs, SyntheticRows, cores, memory, seed: 7);
            var realHeldBack = real.Where((_, i) => i % 5 == 0).ToList();
            var training = synthetic.Take(SyntheticRows * 4 / 5).Concat(real.Where((_, i) => i % 5 != 0)).ToList();
            var heldBack = realHeldBack.Count >= MinHeldBackRealRows ? realHeldBack : synthetic.Skip(SyntheticRows * 4 / 5).ToList();
            return LoadModel.Train(training, heldBack, real.Count);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Load predictor retrained on {Rows} rows ({RealRows} real); CPU MAE {CpuMae:0.00} points")]
    private partial void LogRetrained(int rows, int realRows, double cpuMae);
}
