using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansServe.Engine;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the silo-local <see cref="IInferenceEngine"/> (a singleton created at host start, which reads the
    /// manifests but loads no model) and its options: <see cref="ModelsOptions"/> (section <c>Models</c>) and
    /// <see cref="EngineOptions"/> (section <c>Engine</c>), validated at start.
    /// </summary>
    public static IServiceCollection AddInferenceEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<ModelsOptions>()
            .BindConfiguration(ModelsOptions.Section)
            .PostConfigure(options => options.Load = ConfiguredLoad(configuration) ?? options.Load)
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelsOptions>, ModelsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>());
        services.TryAddSingleton(_ => CpuInt8Support.Detect());
        services.TryAddSingleton(sp => ManifestCatalog.Load(sp.GetRequiredService<IOptions<ModelsOptions>>().Value.Directory));
        services.TryAddSingleton<IInferenceEngine, InferenceEngine>();
        services.AddHostedService<InferenceEngineStartup>();
        return services;
    }

    /// <summary>
    /// The configured <c>Models:Load</c> replacing the default list (the binder would append to it), read as an
    /// array or as one comma-separated string; null when not configured.
    /// </summary>
    private static string[]? ConfiguredLoad(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{ModelsOptions.Section}:{nameof(ModelsOptions.Load)}");
        if (section.Value is { } list)
        {
            return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var items = section.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0).ToArray();
        return items.Length > 0 ? items : null;
    }
}
