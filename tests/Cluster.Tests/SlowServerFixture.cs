using System.Text.Json.Nodes;

namespace OrleansServe.Cluster.Tests;

/// <summary>
/// The three-silo cluster of <see cref="ClusterFixture"/>, but the last silo is a slower machine: its token models
/// burn <see cref="Slowdown"/> times the CPU of the others' (its manifests, in a folder of its own, say so).
/// </summary>
public sealed class SlowServerFixture : ClusterFixture
{
    public const double Slowdown = 4;

    private readonly string _slowModels = Path.Combine(Path.GetTempPath(), $"orleansserve-slow-models-{Guid.NewGuid():N}");

    public string SlowSilo => Cluster.Silos[^1].Name;

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_slowModels);
        foreach (var model in Settings["Models:Load"]!.Split(','))
        {
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "models", $"{model}.json")))!;
            manifest["baseCpuMs"] = manifest["baseCpuMs"]!.GetValue<double>() * Slowdown;
            manifest["cpuMsPerToken"] = manifest["cpuMsPerToken"]!.GetValue<double>() * Slowdown;
            await File.WriteAllTextAsync(Path.Combine(_slowModels, $"{model}.json"), manifest.ToJsonString());
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_slowModels, recursive: true);
    }

    protected override IReadOnlyDictionary<string, string?> SettingsOf(string siloName) =>
        siloName == $"Silo_{Silos - 1}" ? new Dictionary<string, string?> { ["Models:Directory"] = _slowModels } : base.SettingsOf(siloName);
}
