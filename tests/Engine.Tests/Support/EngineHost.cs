using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansServe.Engine;
using OrleansServe.Engine.Onnx;

namespace OrleansServe.Engine.Tests;

/// <summary>An engine built the way a silo builds it (<c>AddInferenceEngine</c> over configuration), disposed with the test.</summary>
internal sealed class EngineHost : IDisposable
{
    private readonly ServiceProvider _services;

    public EngineHost(string modelsDirectory, params (string Key, string Value)[] settings)
        : this(modelsDirectory, cpu: null, settings)
    {
    }

    /// <summary>An engine that believes it runs on <paramref name="cpu"/> (null: this machine's CPU).</summary>
    public EngineHost(string modelsDirectory, CpuInt8Support? cpu, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Models:Directory"] = modelsDirectory };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (cpu is not null)
        {
            services.AddSingleton(cpu);
        }
        _services = services
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddInferenceEngine(configuration)
            .BuildServiceProvider();
        Engine = (InferenceEngine)_services.GetRequiredService<IInferenceEngine>();
    }

    public InferenceEngine Engine { get; }

    public IServiceProvider Services => _services;

    public void Dispose() => _services.Dispose();
}
