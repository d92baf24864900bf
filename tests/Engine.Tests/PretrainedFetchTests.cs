using System.Net;
using System.Net.Sockets;
using OrleansServe.Engine;

namespace OrleansServe.Engine.Tests;

/// <summary>
/// A seeded model whose manifest names its pretrained file gets that file at load (SHA-256 checked) from a local
/// HTTP server standing in for the model zoo; a wrong checksum or a fetch turned off leaves the seeded graph.
/// </summary>
public sealed class PretrainedFetchTests : IDisposable
{
    private const string Sha256OfMobileNet = "e12d7e32e77f23324dd8c291632f3766807df7c30b21aec2dd10348494b83e32";

    private readonly HttpListener _server = new();
    private readonly string _url;
    private int _requests;

    public PretrainedFetchTests()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}/mobilenetv2-int8.onnx";
        _server.Prefixes.Add($"http://127.0.0.1:{port}/");
        _server.Start();
        _ = ServeAsync(File.ReadAllBytes(Path.Combine(RepoPaths.Models, "mobilenetv2-int8.onnx")));
    }

    [Fact]
    public async Task TheVerifiedPretrainedFileIsInstalledAndServed()
    {
        using var models = Manifest(Sha256OfMobileNet);
        using var host = new EngineHost(models.Path);

        await host.Engine.LoadAsync("net", "test");
        var result = await host.Engine.RunAsync(Requests.Image("net", TestImages.Tench(), topK: 1));

        Assert.Equal(1, _requests);
        Assert.Equal(ModelWeights.Pretrained, ModelWeights.Of(host.Engine.Catalog.Single()));
        Assert.Equal("tench", result.Predictions[0].Label);
        Assert.Empty(Directory.GetFiles(models.Path, "*.download"));
    }

    [Fact]
    public async Task AWrongChecksumInstallsNothingAndTheSeededGraphIsServed()
    {
        using var models = Manifest(new string('0', 64));
        using var host = new EngineHost(models.Path);

        await host.Engine.LoadAsync("net", "test");

        Assert.Equal(1, _requests);
        Assert.Equal(ModelWeights.Seeded, ModelWeights.Of(host.Engine.Catalog.Single()));
        Assert.Empty(Directory.GetFiles(models.Path, "*.download"));
    }

    [Fact]
    public async Task WithFetchingOffNothingIsRequested()
    {
        using var models = Manifest(Sha256OfMobileNet);
        using var host = new EngineHost(models.Path, ("Models:FetchPretrained", "false"));

        await host.Engine.LoadAsync("net", "test");

        Assert.Equal(0, _requests);
        Assert.Equal(ModelWeights.Seeded, ModelWeights.Of(host.Engine.Catalog.Single()));
    }

    public void Dispose() => _server.Close();

    private ModelFolder Manifest(string sha256)
    {
        var folder = new ModelFolder();
        return folder.Write("net", $$"""
            { "name": "net", "kind": "onnx-image", "file": "net.onnx", "seeded": "resnet18",
              "labels": {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(RepoPaths.Models, "imagenet_classes.txt"))}},
              "pretrained": { "url": "{{_url}}", "sha256": "{{sha256}}" },
              "input": { "size": 224, "resize": 256, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] } }
            """);
    }

    private async Task ServeAsync(byte[] file)
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            context.Response.ContentLength64 = file.Length;
            await context.Response.OutputStream.WriteAsync(file);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
