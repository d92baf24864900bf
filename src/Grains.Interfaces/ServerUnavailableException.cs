namespace OrleansServe;

/// <summary>Thrown when a model server's silo is gone: the server never re-activates elsewhere.</summary>
[GenerateSerializer, Alias("OrleansServe.ServerUnavailableException")]
public sealed class ServerUnavailableException(string serverId, string message) : Exception(message)
{
    [Id(0)]
    public string ServerId { get; } = serverId;
}
