using Microsoft.Playwright;

namespace OrleansServe.Ui.Tests;

/// <summary>
/// One gateway process and one headless Debian Chromium (driven by Playwright, no browser download) for the page tests.
/// Without Chromium it starts nothing and does not fail (a fixture's failure fails every test, also outside CI): each
/// test calls <see cref="Require"/> first, which skips it, or fails it with <c>CI=true</c>.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public GatewayProcess Gateway { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Skips the calling test (fails it with <c>CI=true</c>) when there is no Chromium; call it first.</summary>
    public static void Require() => _ = Prerequisites.Tool(ChromiumPath, "apt-get install -y chromium (or set CHROMIUM_PATH)");

    public async Task InitializeAsync()
    {
        if (Prerequisites.Find(ChromiumPath) is null)
        {
            return; // Nothing to start: each test's Require() reports it.
        }
        var gateway = Gateway.StartAsync(TimeSpan.FromMinutes(3));
        _playwright = await Playwright.CreateAsync();
        // Playwright gives each launch a fresh temporary profile (user-data dir) and removes it on close.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await gateway;
    }

    /// <summary>A new tab on the ops page, with the admin key already in its session storage unless <paramref name="withKey"/> is false.</summary>
    public async Task<OpsPage> OpenAsync(bool withKey = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1400 },
        });
        if (withKey)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('orleansserve.adminKey', '{GatewayProcess.AdminKey}');");
        }
        var page = await context.NewPageAsync();
        var ops = new OpsPage(context, page);
        await page.GotoAsync("/ui");
        return ops;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "ops page";
}
