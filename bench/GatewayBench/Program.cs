using System.Globalization;
using OrleansServe.GatewayBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = BenchSettings.Parse(args);
if (settings.Help)
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

var jpegs = Samples.Jpegs();
Console.WriteLine($"GatewayBench {DateTime.UtcNow:u}: {Environment.ProcessorCount} cores ({CpuFlags.Describe()}), {jpegs.Count} JPEGs, " +
    $"{settings.Seconds} s per figure, parts {string.Join(", ", BenchSettings.AllParts.Where(settings.Runs))} (load generator, gateway and wrk share the cores)");

using var gateway = await GatewayProcess.StartAsync(settings.Gateway, settings.QueueWaitMs);
Console.WriteLine($"gateway up at {gateway.Uri} (embedded silo, 1 model server, no dashboard, Engine:MaxQueueWaitMs {settings.QueueWaitMs})");

var goals = new List<Goal>();
var load = new ImageLoad(gateway.Uri, jpegs);
double? capacity = null;
if (settings.Runs("tail"))
{
    capacity = await TailBench.RunAsync(settings, gateway, load, goals);
}
if (settings.Runs("curve"))
{
    await CurveBench.RunAsync(settings, load, capacity, goals);
}
if (settings.Runs("tiny"))
{
    await TinyBench.RunAsync(settings, gateway, goals);
}
if (settings.Runs("grpc"))
{
    await GrpcBench.RunAsync(settings, gateway, load, jpegs, goals);
}
Goal.Print(goals);
return 0;
