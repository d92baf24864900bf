using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OrleansServe.Ui.Tests;

/// <summary>The ops page in a real browser against a real gateway process.</summary>
[Collection(UiCollection.Name)]
public sealed class OpsPageTests(UiFixture fixture, ITestOutputHelper output)
{
    private static readonly string CatPhoto = Path.Combine(RepoPaths.TestImages, "n02124075_Egyptian_cat.JPEG");

    [SkippableFact]
    public async Task PageLoadsWithoutConsoleErrorsAndListsTheServers()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();

        await Expect(ops.ServerRows.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(ops.Page.Locator("#conn")).ToHaveAttributeAsync("data-state", "live");
        await Expect(ops.Row("silo-" + fixture.Gateway.SiloPort + "/0")).ToBeVisibleAsync();
        // A server is the unit of capacity: its row shows its own workers (Engine:Workers = the cores by default).
        await Expect(ops.Row("silo-" + fixture.Gateway.SiloPort + "/0").Locator("[data-testid=server-workers]"))
            .ToHaveTextAsync(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(ops.Page.Locator(".silo-head .badge.ok")).ToHaveTextAsync("Active");
        await Expect(ops.Page.Locator("#models-table tr[data-model='A']")).ToBeVisibleAsync();
        await Expect(ops.Page.Locator("a[href='/dashboard']")).ToBeVisibleAsync();
        await Expect(ops.Page.Locator("a[href='/metrics']")).ToBeVisibleAsync();
        await Expect(ops.Page.Locator("a[href='/openapi/v1.json']")).ToBeVisibleAsync();
        // The gateway maps the scaler API: the panel shows its policy.
        await Expect(ops.Page.Locator("#scaler-body")).ToContainTextAsync("policy", new() { Timeout = 10_000 });
        await Task.Delay(1500); // a few frames, so late errors would show too
        Assert.Empty(ops.ConsoleErrors);
    }

    [SkippableFact]
    public async Task CpuAndMemoryChartsShowEachSiloOverTheChosenWindow()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        var cpu = ops.Page.Locator("#chart-cpu");
        var memory = ops.Page.Locator("#chart-memory");
        var silo = "silo-" + fixture.Gateway.SiloPort;

        // One series per silo (this gateway is one), named after it, and a working set that is not zero.
        await Expect(cpu).ToHaveAttributeAsync("data-series", "1", new() { Timeout = 10_000 });
        await Expect(memory).ToHaveAttributeAsync("data-series", "1");
        await Expect(ops.Page.Locator("#legend-cpu")).ToHaveTextAsync(silo);
        await Expect(ops.Page.Locator("#legend-memory")).ToHaveTextAsync(silo);
        await Eventually.HoldsAsync(async () => double.Parse(await memory.GetAttributeAsync("data-last") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 10,
            TimeSpan.FromSeconds(10), "the memory chart reads the silo's working set");
        var reported = await ops.Page.EvaluateAsync<double>("window.ops.snapshot.silos[0].memoryMb");
        Assert.True(reported > 10, $"the frame's silo memory is {reported} MB");

        // The same 2/10-minute windows as the other charts.
        await ops.Page.ClickAsync("#chart-window button[data-window='120000']");
        await Expect(cpu).ToHaveAttributeAsync("data-window", "120000");
        await Expect(memory).ToHaveAttributeAsync("data-window", "120000");
        await ops.Page.ClickAsync("#chart-window button[data-window='600000']");
        await Expect(cpu).ToHaveAttributeAsync("data-window", "600000");
        Assert.Empty(ops.ConsoleErrors);
    }

    [SkippableFact]
    public async Task ScalerPanelSaysTheAutoscalerIsOffInsteadOfATarget()
    {
        UiFixture.Require();
        // This gateway maps /api/scaler with Scaling:Enabled false (the default): the scaler reports but sets no target.
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.Page.Locator("#scaler-body [data-testid=scaler-off]")).ToHaveTextAsync("autoscaler off", new() { Timeout = 10_000 });
        await Expect(ops.Page.Locator("#scaler-body")).Not.ToContainTextAsync("→"); // was "1 now → 0 target (min 1, max 6)"
        await Expect(ops.Page.Locator("#scaler-body")).ToContainTextAsync("now");
        await Expect(ops.Page.Locator("#kpi-scaler")).ToHaveTextAsync("off");
    }

    [SkippableFact]
    public async Task SlowRequestsTableShowsTheStageTimesOfTheResponse()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.ServerRows.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        using var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        using var response = await http.PostAsync("/v2/models/D/infer",
            new StringContent("{\"tokens\":300}", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var timings = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("timings");

        // Gateway:SlowRequestMs is 0 here: every request is listed, newest first; its stages are the response's timings.
        var row = ops.Page.Locator("#slow-table tbody tr[data-model='D']").First;
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var shown = await ops.Page.EvaluateAsync<System.Text.Json.JsonElement>("window.ops.snapshot.slowRequests.find(r => r.model === 'D')");
        Assert.Equal(timings.GetProperty("inferenceMs").GetDouble(), shown.GetProperty("inferenceMs").GetDouble(), 0.011);
        Assert.Equal(timings.GetProperty("queueMs").GetDouble(), shown.GetProperty("queueMs").GetDouble(), 0.011);
        Assert.Equal(timings.GetProperty("batchSize").GetInt32(), shown.GetProperty("batchSize").GetInt32());
        await Expect(row.Locator("[data-field=total]")).Not.ToHaveTextAsync("–");
        await Expect(row.Locator("[data-field=inference]")).Not.ToHaveTextAsync("–");
    }

    [SkippableFact]
    public async Task UnloadRemovesTheModelWithinThreeSecondsAndLoadBringsItBack()
    {
        UiFixture.Require();
        // No key in this tab: the first admin call answers 401 and the page asks for the key once.
        await using var ops = await fixture.OpenAsync(withKey: false);
        var server = "silo-" + fixture.Gateway.SiloPort + "/0";
        await Expect(ops.Chip(server, "B")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await ops.Row(server).Locator("button[data-action=unload][data-model=B]").ClickAsync();
        var dialog = ops.Page.Locator("#key-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("X-Api-Key");
        await dialog.Locator("input").FillAsync(GatewayProcess.AdminKey);
        await dialog.Locator("button[value=ok]").ClickAsync();

        await Expect(ops.Chip(server, "B")).ToHaveCountAsync(0, new() { Timeout = 3_000 });
        Assert.Equal(GatewayProcess.AdminKey, await ops.Page.EvaluateAsync<string>("sessionStorage.getItem('orleansserve.adminKey')"));

        await ops.Row(server).Locator("select[data-role=load-model]").SelectOptionAsync("B");
        await ops.Row(server).Locator("button[data-action=load]").ClickAsync();
        await Expect(ops.Chip(server, "B")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(dialog).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task EqualTrafficMovesCountersAndRateChartAndStopBringsRateToZero()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.ServerRows.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Eventually.HoldsAsync(async () => await ops.ChartRateAsync() == 0, TimeSpan.FromSeconds(10), "an idle rate before the run");
        var servedBefore = await ops.NumberAsync("#kpi-total");

        await ops.Page.SelectOptionAsync("#traffic-form select[name=pattern]", "equal");
        await ops.Page.FillAsync("#traffic-form input[name=rate]", "3");
        await ops.Page.FillAsync("#traffic-form input[name=duration]", "120");
        await ops.Page.ClickAsync("#traffic-start");

        var moved = await Eventually.HoldsAsync(async () => await ops.NumberAsync("#kpi-total") > servedBefore && await ops.ChartRateAsync() > 0,
            TimeSpan.FromSeconds(5), "request counters and the rate chart move");
        output.WriteLine($"counters and chart moved after {moved.TotalSeconds:0.0} s");
        foreach (var model in new[] { "A", "B", "C", "D" })
        {
            await Eventually.HoldsAsync(async () => await ops.NumberAsync($"#models-table tr[data-model='{model}'] [data-field=total]") > 0,
                TimeSpan.FromSeconds(10), $"model {model} counts requests");
        }

        await ops.Page.ClickAsync("#chart-window button[data-window='120000']"); // a fresh gateway has two minutes at most
        await Expect(ops.Page.Locator("#chart-window button[data-window='120000']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(ops.Page.Locator("#classify-model")).ToHaveValueAsync("mobilenetv2", new() { Timeout = 10_000 });
        await ops.Page.SetInputFilesAsync("#classify-file", CatPhoto); // the screenshot shows a real answer too
        await Expect(ops.Page.Locator("[data-testid=classify-result] [data-testid=prediction]")).ToHaveCountAsync(5, new() { Timeout = 20_000 });
        await Task.Delay(4000); // let the charts draw a few seconds of load for the screenshot
        var shot = Path.Combine(RepoPaths.Artefacts(), "ops-under-load.png");
        await ops.Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        output.WriteLine($"screenshot: {shot}");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(shot, Path.Combine(RepoPaths.Root, "docs", "ui-screenshot.png"), overwrite: true);
        }
        Assert.True(new FileInfo(shot).Length > 10_000);

        var queued = await ops.Page.EvaluateAsync<int>("window.ops.snapshot.silos.flatMap(s => s.servers).reduce((n, s) => n + s.queueLength, 0)");
        output.WriteLine($"queued on the servers at stop: {queued}");
        await ops.Page.ClickAsync("#traffic-stop");
        await Expect(ops.Page.Locator("#traffic-status")).ToContainTextAsync("stopped");
        var idle = await Eventually.HoldsAsync(async () => await ops.ChartRateAsync() == 0 && await ops.NumberAsync("#kpi-rps") == 0,
            TimeSpan.FromSeconds(20), "the rate falls back to zero after stop");
        output.WriteLine($"rate back to zero {idle.TotalSeconds:0.0} s after stop");
        Assert.Empty(ops.ConsoleErrors);
    }

    [SkippableFact]
    public async Task UploadingAnImageShowsFivePredictions()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.ServerRows.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The classify box defaults to a real classifier: the shipped MobileNetV2 while ResNet18 is seeded.
        await Expect(ops.Page.Locator("#classify-model")).ToHaveValueAsync("mobilenetv2", new() { Timeout = 10_000 });

        await ops.Page.SetInputFilesAsync("#classify-file", CatPhoto);

        var predictions = ops.Page.Locator("[data-testid=classify-result] [data-testid=prediction]");
        await Expect(predictions).ToHaveCountAsync(5, new() { Timeout = 20_000 });
        await Expect(predictions.First).ToContainTextAsync("cat");
        await Expect(ops.Page.Locator("[data-testid=classify-result] .timings")).ToContainTextAsync("inference");
        await Expect(ops.Page.Locator("#classify-error")).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task PageReconnectsByItselfAfterTheGatewayRestarts()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.ServerRows.First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await fixture.Gateway.KillAsync();
        await Eventually.HoldsAsync(async () => await ops.ConnectionAsync() == "reconnecting", TimeSpan.FromSeconds(10),
            "the page shows it lost the feed");
        await fixture.Gateway.StartAsync(TimeSpan.FromMinutes(3));

        var back = await Eventually.HoldsAsync(async () => await ops.ConnectionAsync() == "live", TimeSpan.FromSeconds(15), "the page reconnects");
        output.WriteLine($"live again {back.TotalSeconds:0.0} s after the gateway was healthy");
        await Expect(ops.Row("silo-" + fixture.Gateway.SiloPort + "/0")).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }

    [SkippableFact]
    public async Task PredictorAnswersAMixAndItsProblemDetailsReadAsAnError()
    {
        UiFixture.Require();
        await using var ops = await fixture.OpenAsync();
        await Expect(ops.Page.Locator("#predictor-error")).ToContainTextAsync("CPU error", new() { Timeout = 15_000 });

        await ops.Page.ClickAsync("#predict-form button[type=submit]");
        await Expect(ops.Page.Locator("#predict-result")).ToContainTextAsync("latency", new() { Timeout = 15_000 });

        await ops.Page.FillAsync("#predict-form input[name=A]", "0");
        await ops.Page.FillAsync("#predict-form input[name=B]", "0");
        await ops.Page.FillAsync("#predict-form input[name=C]", "0");
        await ops.Page.FillAsync("#predict-form input[name=D]", "0");
        await ops.Page.ClickAsync("#predict-form button[type=submit]");
        // The gateway's ProblemDetails detail for an empty mix, not a blank panel.
        await Expect(ops.Page.Locator("#predict-problem")).ToContainTextAsync("modelCounts");
        await Expect(ops.Page.Locator("#predict-problem")).ToContainTextAsync("400");
    }

    [SkippableFact]
    public async Task ScalerPanelLightsUpWithStatusAndDecisionsAndSwitchesPolicy()
    {
        UiFixture.Require();
        // This gateway has no scaler; the scaler's contract ({status, history}; POST {policy} or {pin}) is served by the
        // browser's network layer instead, so the panel's reading and writing are checked against that shape.
        await using var ops = await fixture.OpenAsync();
        var posts = new List<(string Body, string? Key)>();
        var now = DateTime.UtcNow;
        var decisions = $$"""
            [{"timestampUtc":"{{now.AddSeconds(-30):O}}","policy":"slo",
              "signals":{"arrivalRate":12.5,"serviceMs":40,"queueLength":3,"cpuPercent":81,"readyReplicas":1,"startingReplicas":0,"startupSeconds":9.5},
              "recommended":2,"target":2,"direction":1,"actions":["launched silo-30001"]},
             {"timestampUtc":"{{now.AddSeconds(-90):O}}","policy":"slo",
              "signals":{"arrivalRate":2,"serviceMs":40,"queueLength":0,"cpuPercent":20,"readyReplicas":2,"startingReplicas":0,"startupSeconds":9.5},
              "recommended":1,"target":1,"direction":"Down","actions":[]}]
            """;
        const string Status = """
            {"enabled":true,"policy":"slo","pinnedReplicas":null,"minReplicas":1,"maxReplicas":4,"currentReplicas":1,"desiredReplicas":2,
             "launcher":"process","startupSeconds":9.5,"silos":[{"name":"silo-30001","launcher":"process","startedUtc":"2026-11-23T18:00:00Z","startupSeconds":9.5}],"lastDecision":null}
            """;
        await ops.Page.RouteAsync("**/api/scaler", async route =>
        {
            if (route.Request.Method == "POST")
            {
                lock (posts)
                {
                    posts.Add((route.Request.PostData ?? "", route.Request.Headers.GetValueOrDefault("x-api-key")));
                }
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = Status.Replace("\"slo\",\"pinned", "\"queue\",\"pinned", StringComparison.Ordinal) });
                return;
            }
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = $$"""{"status":{{Status}},"history":{{decisions}}}""" });
        });
        await Expect(ops.Page.Locator("#scaler-body")).ToContainTextAsync("1 now → 2 target", new() { Timeout = 10_000 });
        await Expect(ops.Page.Locator("#scaler-body")).ToContainTextAsync("silo-30001");
        await Expect(ops.Page.Locator("#kpi-scaler")).ToHaveTextAsync("slo");
        await Expect(ops.Page.Locator("#scaler-decisions li")).ToHaveCountAsync(2);
        await Expect(ops.Page.Locator("#scaler-decisions .up")).ToHaveCountAsync(1);
        await Expect(ops.Page.Locator("#scaler-decisions .down")).ToHaveCountAsync(1);
        await Expect(ops.Page.Locator("#scaler-decisions")).ToContainTextAsync("launched silo-30001");

        await ops.Page.SelectOptionAsync("#scaler-form select[name=policy]", "queue");
        await ops.Page.ClickAsync("#scaler-form button[type=submit]");
        await Eventually.HoldsAsync(() => Task.FromResult(posts.Count == 1), TimeSpan.FromSeconds(5), "the policy switch is posted");
        Assert.Equal("""{"policy":"queue"}""", posts[0].Body);
        Assert.Equal(GatewayProcess.AdminKey, posts[0].Key);

        await ops.Page.FillAsync("#scaler-form input[name=pin]", "3");
        await ops.Page.ClickAsync("#scaler-pin");
        await Eventually.HoldsAsync(() => Task.FromResult(posts.Count == 2), TimeSpan.FromSeconds(5), "the pin is posted");
        Assert.Equal("""{"pin":3}""", posts[1].Body);
    }
}
