using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
namespace OrleansServe.Gateway.Ui;

/// <summary>
/// The ops dashboard: the page at <c>/ui</c> (plain files from <c>wwwroot/ui</c>) and its live feed
/// <c>GET /ui/events</c> (Server-Sent Events from the process's one <see cref="OpsSnapshotProducer"/>).
/// </summary>
public static class OpsUiExtensions
{
    public const string PagePath = "/ui";

    public static WebApplication MapOpsUi(this WebApplication app)
    {
        var producer = ActivatorUtilities.CreateInstance<OpsSnapshotProducer>(app.Services);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            producer.ScalerApi = HasRoute(app, "/api/scaler");
            producer.Start();
        });
        app.Lifetime.ApplicationStopping.Register(() => producer.StopAsync().GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopped.Register(producer.Dispose);

        var files = UiFiles(app);
        var types = new FileExtensionContentTypeProvider();
        var ui = app.MapGroup(PagePath).WithTags("Ops UI").ExcludeFromDescription();
        ui.MapGet("", (HttpContext context) => Serve(files, types, "index.html", context));
        ui.MapGet("/events", (CancellationToken cancellationToken) => TypedResults.ServerSentEvents(producer.StreamAsync(cancellationToken)));
        ui.MapGet("/{*file}", (string file, HttpContext context) => Serve(files, types, file, context));
        return app;
    }

    private static bool HasRoute(IEndpointRouteBuilder app, string pattern) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Any(e => string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), pattern, StringComparison.OrdinalIgnoreCase));

    private static IResult Serve(IFileProvider files, FileExtensionContentTypeProvider types, string file, HttpContext context)
    {
        var info = files.GetFileInfo("ui/" + (file.Length == 0 ? "index.html" : file));
        if (!info.Exists || info.IsDirectory)
        {
            return TypedResults.NotFound();
        }
        // Operators keep the page open across upgrades: always revalidate so a new gateway serves its own script.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(info.CreateReadStream(), types.TryGetContentType(info.Name, out var type) ? type : "application/octet-stream",
            lastModified: info.LastModified);
    }

    /// <summary>
    /// The web root when it holds the page (<c>dotnet run</c>, a published app); otherwise the build's static web
    /// assets manifest, which points at the project's <c>wwwroot</c> (the built dll run from <c>bin/</c>, as tests do).
    /// </summary>
    private static IFileProvider UiFiles(WebApplication app)
    {
        var environment = app.Environment;
        if (!environment.WebRootFileProvider.GetFileInfo("ui/index.html").Exists)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(environment, app.Configuration);
        }
        return environment.WebRootFileProvider;
    }
}
