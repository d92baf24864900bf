namespace OrleansServe.GatewayBench;

/// <summary>The yardstick for the tiny path: a Kestrel endpoint that reads nothing and answers a constant JSON body.</summary>
public static class ConstantEndpoint
{
    public static async Task<(WebApplication App, Uri Uri)> StartAsync()
    {
        var uri = new Uri($"http://127.0.0.1:{Repo.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(uri.ToString());
        var app = builder.Build();
        app.MapPost("/constant", () => Results.Text("{\"ok\":true}", "application/json"));
        await app.StartAsync();
        return (app, new Uri(uri, "/constant"));
    }
}
