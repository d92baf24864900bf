using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansServe.Engine;

namespace OrleansServe.Bench;

/// <summary>The engine as a silo builds it, serving ResNet18 on JPEG bytes: decode, resize, crop, normalise, batch, run, top-5.</summary>
internal sealed class EngineRunner : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IInferenceEngine _engine;
    private readonly byte[][] _jpegs;
    private int _next;

    private EngineRunner(ServiceProvider services, byte[][] jpegs)
    {
        _services = services;
        _engine = services.GetRequiredService<IInferenceEngine>();
        _jpegs = jpegs;
    }

    public static async Task<EngineRunner> StartAsync(string modelsDirectory, Layout layout, int batch, int maxQueue, byte[][] jpegs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Directory"] = modelsDirectory,
            ["Engine:Workers"] = layout.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Engine:IntraOpThreads"] = layout.IntraOpThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Engine:MaxBatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Engine:MaxQueue"] = maxQueue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddInferenceEngine(configuration)
            .BuildServiceProvider();
        var runner = new EngineRunner(services, jpegs);
        await runner._engine.LoadAsync("resnet18", "bench");
        return runner;
    }

    /// <summary>Queues <paramref name="images"/> JPEGs at once and times them until all are answered.</summary>
    public Task<Measurement> MeasureAsync(int images) => Measurement.TimeAsync(images, () =>
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        var pending = new Task<InferenceResult>[images];
        for (var i = 0; i < images; i++)
        {
            var jpeg = _jpegs[_next++ % _jpegs.Length];
            pending[i] = _engine.RunAsync(new InferenceRequest($"bench-{i}", "resnet18", jpeg, 0, 5, deadline));
        }
        return Task.WhenAll(pending);
    });

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
