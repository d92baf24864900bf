using System.Globalization;
using Microsoft.Playwright;

namespace OrleansServe.Ui.Tests;

/// <summary>One browser tab on /ui, with what it logged to the console, and the page's parts the tests read.</summary>
public sealed class OpsPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public OpsPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public ILocator ServerRows => Page.Locator("#silos tr[data-server]");

    public ILocator Row(string serverId) => Page.Locator($"#silos tr[data-server='{serverId}']");

    public ILocator Chip(string serverId, string model) => Row(serverId).Locator($".chip[data-model='{model}']");

    public async Task<double> NumberAsync(string selector)
    {
        var text = await Page.Locator(selector).TextContentAsync() ?? "";
        return double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;
    }

    /// <summary>The rate chart's latest total over all models, as the chart module drew it.</summary>
    public async Task<double> ChartRateAsync() =>
        double.Parse(await Page.Locator("#chart-rate").GetAttributeAsync("data-last") ?? "0", CultureInfo.InvariantCulture);

    public async Task<string> ConnectionAsync() => await Page.Locator("#conn").GetAttributeAsync("data-state") ?? "";

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
