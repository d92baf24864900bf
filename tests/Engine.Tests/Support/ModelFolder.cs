namespace OrleansServe.Engine.Tests;

/// <summary>A temporary models directory holding the manifests a test writes into it.</summary>
internal sealed class ModelFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orleansserve-models-").FullName;

    public ModelFolder Simulated(string name, double baseCpuMs, double cpuMsPerToken = 0, int memoryMb = 0) =>
        Write(name, $$"""{ "name": "{{name}}", "kind": "simulated-tokens", "baseCpuMs": {{baseCpuMs}}, "cpuMsPerToken": {{cpuMsPerToken}}, "memoryMb": {{memoryMb}} }""");

    /// <summary>MobileNetV2-int8 from the repository's models/ (a real ImageNet classifier).</summary>
    public ModelFolder MobileNet(string name = "mobilenet") =>
        Write(name, $$"""
            { "name": "{{name}}", "kind": "onnx-image", "file": {{Quote(RepoPaths.MobileNet)}}, "labels": {{Quote(RepoPaths.ImageNetLabels)}},
              "input": { "size": 224, "resize": 256, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] } }
            """);

    public ModelFolder Write(string name, string json)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, $"{name}.json"), json);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string Quote(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}
