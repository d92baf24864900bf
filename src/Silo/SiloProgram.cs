using OrleansServe.Grains;
using OrleansServe.Hosting;


namespace OrleansServe.Silo;

/// <summary>A standalone silo: model servers, plus a small web host for the dashboard, /health and /metrics.</summary>
public static class SiloProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddOrleansServeSilo();
        var silo = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        builder.WebHost.UseUrls($"http://{silo.Address}:{silo.HttpPort}");

        var app = builder.Build();
        app.MapSiloEndpoints();
        app.Run();
    }
}
