using OrleansServe.Gateway.Hosting;
using OrleansServe.Gateway.Ui;
using OrleansServe.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansServeSilo();
builder.AddOrleansServeGateway();

var app = builder.Build();
app.UseOrleansServeGateway();
app.MapOpsUi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
