using OrleansServe.Grains.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansServeSilo();

var app = builder.Build();
app.MapSiloEndpoints();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
