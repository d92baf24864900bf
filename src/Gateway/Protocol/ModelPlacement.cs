namespace OrleansServe.Gateway.Protocol;

/// <summary>The answer to a load or unload: the server, the model and whether it is now loaded there.</summary>
public sealed record ModelPlacement(string Server, string Model, bool Loaded);
