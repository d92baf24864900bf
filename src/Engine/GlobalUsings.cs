global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
// The engine's parts see each other as they did in one folder.
global using OrleansServe.Engine.Imaging;
global using OrleansServe.Engine.Models;
global using OrleansServe.Engine.Onnx;
global using OrleansServe.Engine.Queueing;
global using OrleansServe.Engine.Simulated;
