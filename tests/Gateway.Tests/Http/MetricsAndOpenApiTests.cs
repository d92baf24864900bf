using System.Diagnostics.Metrics;
using OrleansServe.Gateway.Metrics;
using OrleansServe.Gateway.Tests.Infrastructure;

namespace OrleansServe.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public class MetricsAndOpenApiTests(GatewayFactory factory)
{
    [Fact]
    public async Task Metrics_CountRequestsByModelRouteAndStatus()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            seen.Add($"{instrument.Name} {string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}"));
        listener.Start();

        var client = factory.CreateClient();
        var echo = await client.PostAsJsonAsync("/v2/models/echo/infer", new { tokens = 1 });
        Assert.True(echo.IsSuccessStatusCode, await echo.Content.ReadAsStringAsync());
        await client.PostAsJsonAsync("/v2/models/no-such-model/infer", new { tokens = 1 });

        Assert.Contains("orleansserve.gateway.requests model=echo,route=/v2/models/{model}/infer,status=200", seen);
        Assert.Contains("orleansserve.gateway.requests model=-,route=/v2/models/{model}/infer,status=404", seen);
        Assert.DoesNotContain(seen, s => s.Contains("no-such-model"));
        var text = await client.GetStringAsync("/metrics");
        var lines = string.Join("\n", text.Split('\n').Where(l => l.StartsWith("orleansserve_gateway_requests", StringComparison.Ordinal)));
        Assert.True(text.Contains("orleansserve_gateway_requests{model=\"echo\",route=\"/v2/models/{model}/infer\",status=\"200\"}"), lines);
        Assert.Contains("orleansserve_gateway_request_duration_bucket", text);
        // Only this project's meters by default (Silo:MetricsMeters): recording every Orleans and ASP.NET Core
        // measurement cost a quarter of the tiny-request throughput.
        Assert.DoesNotContain("\norleans_", text);
        Assert.DoesNotContain("microsoft_aspnetcore_", text);
    }

    [Fact]
    public async Task Metrics_DoNotListenToAspNetCoreEventSources()
    {
        // prometheus-net's event counter adapter enabled every event source at Informational level, so ASP.NET Core
        // wrote an event per request, and its counters appeared in /metrics ten seconds after start.
        var client = factory.CreateClient();
        await client.GetStringAsync("/metrics");
        await client.PostAsJsonAsync("/v2/models/echo/infer", new { tokens = 1 });

        var hosting = System.Diagnostics.Tracing.EventSource.GetSources().Single(s => s.Name == "Microsoft.AspNetCore.Hosting");
        Assert.False(hosting.IsEnabled());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEndpoints()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/v2/models/{model}/infer", "/predict", "/api/servers", "/api/predict-load", "/health" })
        {
            Assert.Contains(path, paths);
        }
        var body = document["paths"]!["/v2/models/{model}/infer"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key).ToList();
        Assert.Contains("application/json", body);
        Assert.Contains("multipart/form-data", body);
        Assert.Contains("image/jpeg", body);
    }
}
