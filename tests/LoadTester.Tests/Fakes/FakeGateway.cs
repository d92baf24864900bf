using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansServe.LoadTester.Tests.Fakes;

/// <summary>
/// A Kestrel server on 127.0.0.1 with a free port that answers the gateway's shapes with a known
/// latency, checks each request's body, and counts what it saw. Only for what the real gateway cannot be made to do
/// on cue (a known delay, a stall, every n-th answer a 503); runs against the real gateway and silos are in
/// Gateway.Tests (<c>LoadTesterRunTests</c>).
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeGatewayOptions _options;
    private long _firstRequestTimestamp;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private FakeGateway(WebApplication app, FakeGatewayOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Requests by route and model (e.g. <c>v2:resnet18</c>, <c>predict</c>, <c>tokens:A</c>).</summary>
    public ConcurrentDictionary<string, int> Hits { get; } = new();

    /// <summary>How long each POST took inside the server, in ms: the ground truth a run's latencies are checked against.</summary>
    public ConcurrentQueue<double> ServerMs { get; } = new();

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the stall ends (0 before the first request).</summary>
    public long StallEndTimestamp { get; private set; }

    /// <summary>Requests whose body did not have the expected shape.</summary>
    public ConcurrentBag<string> BadRequests { get; } = [];

    /// <summary>The most requests that were being answered at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts a server.</summary>
    public static async Task<FakeGateway> StartAsync(FakeGatewayOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 50_000_000;
        });
        var app = builder.Build();
        var gateway = new FakeGateway(app, options ?? new FakeGatewayOptions());
        gateway.Map();
        await app.StartAsync();
        gateway.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return gateway;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.Use(async (http, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            await next(http);
            if (HttpMethods.IsPost(http.Request.Method))
            {
                ServerMs.Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        });
        _app.MapPost("/v2/models/{model}/infer", async (string model, HttpContext http) =>
        {
            var received = Stopwatch.GetTimestamp();
            var tokens = http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
            if (tokens)
            {
                using var json = await JsonDocument.ParseAsync(http.Request.Body);
                Check(json.RootElement.GetProperty("tokens").GetInt32() > 0, "tokens");
            }
            else
            {
                Check(http.Request.ContentType == "image/jpeg" && IsJpeg(await ReadAllAsync(http.Request.Body)), "v2 body");
            }

            Hits.AddOrUpdate($"{(tokens ? "tokens" : "v2")}:{model}", 1, (_, n) => n + 1);
            if (await WaitAsync() is { } failure)
            {
                return failure;
            }

            var totalMs = Stopwatch.GetElapsedTime(received).TotalMilliseconds;
            return Results.Json(new
            {
                model,
                server = $"fake-{model}",
                predictions = new[] { new { index = 207, label = "golden retriever", confidence = 0.9 } },
                timings = new { queueMs = totalMs / 4, inferenceMs = totalMs * 3 / 4, totalMs, batchSize = 1, retries = 0 },
            });
        });
        _app.MapPost("/predict", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            Check(form.Files.GetFile("file") is { } file && IsJpeg(await ReadAllAsync(file.OpenReadStream())), "predict form");
            Hits.AddOrUpdate("predict", 1, (_, n) => n + 1);
            return await WaitAsync() ?? Results.Json(new { prediction = "golden retriever: 89.2%" });
        });
        _app.MapPost("/enqueue", async (HttpContext http) =>
        {
            using var json = await JsonDocument.ParseAsync(http.Request.Body);
            Check(IsJpeg(Convert.FromBase64String(json.RootElement.GetProperty("image").GetString()!)), "enqueue json");
            Hits.AddOrUpdate("enqueue", 1, (_, n) => n + 1);
            return await WaitAsync() ?? Results.Json(new { prediction = "golden retriever: 89.2%", queue_size = 0 });
        });
    }

    // The known latency, the optional stall, and the optional injected failures.
    private async Task<IResult?> WaitAsync()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstRequestTimestamp, now, 0);
        if (_options.StallAfterFirstRequest is { } after)
        {
            var stallStart = _firstRequestTimestamp + (long)(after.TotalSeconds * Stopwatch.Frequency);
            var stallEnd = stallStart + (long)(_options.StallLength.TotalSeconds * Stopwatch.Frequency);
            StallEndTimestamp = stallEnd;
            if (now >= stallStart && now < stallEnd)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)(stallEnd - now) / Stopwatch.Frequency));
            }
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; inFlight > max; max = MaxInFlight)
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }
        await Task.Delay(_options.Delay);
        Interlocked.Decrement(ref _inFlight);
        var n = Interlocked.Increment(ref _requests);
        return _options.FailEvery > 0 && n % _options.FailEvery == 0
            ? Results.Problem(statusCode: 503, title: "overloaded")
            : null;
    }

    private void Check(bool ok, string what)
    {
        if (!ok)
        {
            BadRequests.Add(what);
        }
    }

    private static bool IsJpeg(byte[] bytes) => bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[^2] == 0xFF && bytes[^1] == 0xD9;

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
