using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansServe.Grains.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>Registers the silo-local <see cref="IInferenceEngine"/> and its options (sections <c>Models</c> and <c>Engine</c>).</summary>
    public static IServiceCollection AddInferenceEngine(this IServiceCollection services, IConfiguration configuration)
    {
        // TODO(engine): register the ONNX/simulated engine.
        return services;
    }
}
